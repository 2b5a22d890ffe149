"""Check staged context senses: python glossary/mining/briefs/check_senses.py STAGED.toml [more.toml ...]
Run with the project's venv. Every example must get the glossary sense (a marked hit on the
entry), every `not` line must not; entry ids must exist and not already have a sense in glossary/senses.toml
or another staged file given. Prints problems; exit 1 if any."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the project root
import glossary.patterns as P
from glossary.loader import load_curated
from glossary.store import GlossaryStore

main = P.read_senses()
staged = []
problems = []
seen = {s.entry: "glossary/senses.toml" for s in main}
for f in sys.argv[1:]:
    for s in P.read_senses(Path(f)):
        if s.entry in seen:
            problems.append(f"{s.entry}: already has a sense in {seen[s.entry]}")
        seen[s.entry] = f
        staged.append(s)
ids = {e.id for e in load_curated()}
every = main + staged
P.read_senses = lambda path=P.SENSES_FILE: every  # the store reads senses through this
import glossary.store  # noqa
store = GlossaryStore(load_curated())
matcher = store.matcher()
for s in staged:
    if s.entry not in ids:
        problems.append(f"{s.entry}: no such entry id")
        continue
    if not s.examples or not s.not_matching:
        problems.append(f"{s.entry}: needs at least one example and one `not` line")
    for expect, lines in ((True, s.examples), (False, s.not_matching)):
        for line in lines:
            region, _, text = line.partition(":") if ":" in line[:10] else ("mainland", "", line)
            hits = [m for m in matcher.find(text, region) if m.entry.id == s.entry]
            strong = any(not m.weak for m in hits)
            if expect and not hits:
                problems.append(f"{s.entry}: example not found at all (form not matched as a word here): {line}  found={[(m.text, m.entry.id) for m in matcher.find(text, region)]}")
            elif strong != expect:
                problems.append(f"{s.entry}: {'example not marked' if expect else 'not-line marked'}: {line}")
for p in problems:
    print(p)
print(f"{len(staged)} senses checked, {len(problems)} problems", file=sys.stderr)
sys.exit(1 if problems else 0)
