"""Batched numpy forward pass of g2pM's polyphone BiLSTM (weights from the g2pM package, Apache-2.0)."""

# The network and its weights are g2pM's (Kakao Brain, "A Neural Grapheme-to-Phoneme Conversion
# Package for Mandarin Chinese Based on a New Open Benchmark Dataset", Interspeech 2020; Apache-2.0).
# g2pM runs one sentence at a time; this reimplementation runs many sentences padded into one matrix
# product per time step, with both directions fused, the input projection folded into a per-character
# table, and the output layer evaluated only over each character's own candidate readings.

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import pickle
from collections.abc import Iterator, Sequence

import numpy as np

_UNK = "<UNK>"
_PAD = "<PAD>"
_BOS = "시"
_EOS = "끝"

# ASCII punctuation the model only knows in full-width form.
_FULLWIDTH = {",": "，", ".": "。", "?": "？", "!": "！", ";": "；", ":": "：", "(": "（", ")": "）",
              "\"": "”", "'": "’"}


_BLAS: list[tuple[ctypes._CFuncPtr, ctypes._CFuncPtr]] | None = None  # type: ignore[name-defined]


def _blas_thread_controls() -> list[tuple[ctypes._CFuncPtr, ctypes._CFuncPtr]]:  # type: ignore[name-defined]
    """(get, set) thread-count functions of the OpenBLAS libraries numpy has loaded."""
    global _BLAS
    if _BLAS is not None:
        return _BLAS
    paths: set[str] = set()
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                path = line.rsplit(" ", 1)[-1].strip()
                if "openblas" in os.path.basename(path).lower():
                    paths.add(path)
    except OSError:
        pass
    base = os.path.dirname(os.path.dirname(np.__file__))
    for pattern in ("numpy.libs/*openblas*", "numpy/.dylibs/*openblas*"):
        paths.update(glob.glob(os.path.join(base, pattern)))
    controls = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                                   ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                                   ("openblas_get_num_threads", "openblas_set_num_threads")):
            getter = getattr(lib, get_name, None)
            setter = getattr(lib, set_name, None)
            if getter is not None and setter is not None:
                getter.restype = ctypes.c_int
                setter.argtypes = [ctypes.c_int]
                controls.append((getter, setter))
                break
    _BLAS = controls
    return controls


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run small matrix products on one BLAS thread.

    The forward pass does thousands of small products; OpenBLAS's worker threads only add overhead
    there, and when other processes keep the cores busy their spin-waiting makes it many times slower.
    """
    controls = _blas_thread_controls()
    saved = []
    for getter, setter in controls:
        try:
            saved.append((setter, getter()))
            setter(1)
        except Exception:  # pragma: no cover - unusual BLAS builds
            pass
    try:
        yield
    finally:
        for setter, n in saved:
            setter(n)


def _g2pm_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("g2pM")
    if spec is None or spec.origin is None:
        raise RuntimeError("the g2pM package is not installed")
    return os.path.dirname(spec.origin)


def _cedict_to_reading(pron: str) -> str:
    """'nu:3' -> 'nü3'."""
    return pron.replace("u:", "ü").replace("v", "ü")


class PolyphoneModel:
    """g2pM's one-layer BiLSTM + two-layer classifier, evaluated in batches."""

    def __init__(self) -> None:
        base = _g2pm_dir()
        with open(os.path.join(base, "np_ckpt.pkl"), "rb") as fh:
            sd = pickle.load(fh)
        with open(os.path.join(base, "char2idx.pkl"), "rb") as fh:
            char2idx: dict[str, int] = pickle.load(fh)
        with open(os.path.join(base, "class2idx.pkl"), "rb") as fh:
            class2idx: dict[str, int] = pickle.load(fh)
        with open(os.path.join(base, "digest_cedict.pkl"), "rb") as fh:
            cedict: dict[str, list[str]] = pickle.load(fh)

        self.char2idx = dict(char2idx)
        for a, f in _FULLWIDTH.items():
            if a not in self.char2idx and f in self.char2idx:
                self.char2idx[a] = self.char2idx[f]
        self.unk = char2idx[_UNK]
        self.pad = char2idx[_PAD]
        self.bos = char2idx[_BOS]
        self.eos = char2idx[_EOS]
        self.classes = [""] * len(class2idx)
        for pron, idx in class2idx.items():
            self.classes[idx] = _cedict_to_reading(pron)

        # Characters with more than one reading, and their candidate classes.
        self.candidates: dict[str, list[str]] = {}
        self.mono: dict[str, str] = {}
        cand_idx: dict[str, list[int]] = {}
        for ch, prons in cedict.items():
            if len(prons) > 1:
                idxs = [class2idx[p] for p in prons if p in class2idx]
                if len(idxs) > 1:
                    cand_idx[ch] = idxs
                    self.candidates[ch] = [_cedict_to_reading(p) for p in prons if p in class2idx]
                elif idxs:
                    self.mono[ch] = self.classes[idxs[0]]
            elif prons:
                self.mono[ch] = _cedict_to_reading(prons[0])
        self.max_k = max(len(v) for v in cand_idx.values())
        n_cls = len(self.classes)
        # Candidate table per polyphonic character; padding points at an extra "impossible" class.
        self.poly_index: dict[str, int] = {ch: i for i, ch in enumerate(cand_idx)}
        table = np.full((len(cand_idx), self.max_k), n_cls, dtype=np.int64)
        for ch, i in self.poly_index.items():
            table[i, : len(cand_idx[ch])] = cand_idx[ch]
        self.cand_table = table

        f32 = np.float32
        hid = sd["lstm.weight_hh_l0"].shape[1]
        self.hid = hid
        emb = sd["embedding.weight"].astype(f32)

        # Gate rows in PyTorch order i, f, g, o. The g rows are doubled so that one sigmoid serves all
        # gates: tanh(x) = 2 * sigmoid(2x) - 1.
        def prep(w_ih: np.ndarray, w_hh: np.ndarray, b_ih: np.ndarray, b_hh: np.ndarray):
            scale = np.ones(4 * hid, dtype=f32)
            scale[2 * hid: 3 * hid] = 2.0
            proj = (emb @ w_ih.T.astype(f32) + (b_ih + b_hh).astype(f32)) * scale  # [V, 4H]
            whh = (w_hh.astype(f32) * scale[:, None]).T  # [H, 4H]
            return proj, whh

        pf, wf = prep(sd["lstm.weight_ih_l0"], sd["lstm.weight_hh_l0"], sd["lstm.bias_ih_l0"],
                      sd["lstm.bias_hh_l0"])
        pb, wb = prep(sd["lstm.weight_ih_l0_reverse"], sd["lstm.weight_hh_l0_reverse"],
                      sd["lstm.bias_ih_l0_reverse"], sd["lstm.bias_hh_l0_reverse"])
        # Fused layout of the 8H gate columns: [i_f i_b f_f f_b g_f g_b o_f o_b]; state h = [h_f h_b].
        v = emb.shape[0]
        self.proj_f = np.zeros((v, 8 * hid), dtype=f32)
        self.proj_b = np.zeros((v, 8 * hid), dtype=f32)
        self.w_hh = np.zeros((2 * hid, 8 * hid), dtype=f32)
        for gate in range(4):
            src = slice(gate * hid, (gate + 1) * hid)
            dst_f = slice(2 * gate * hid, (2 * gate + 1) * hid)
            dst_b = slice((2 * gate + 1) * hid, (2 * gate + 2) * hid)
            self.proj_f[:, dst_f] = pf[:, src]
            self.proj_b[:, dst_b] = pb[:, src]
            self.w_hh[:hid, dst_f] = wf[:, src]
            self.w_hh[hid:, dst_b] = wb[:, src]
        self.w0 = sd["logit_layer.0.weight"].T.astype(f32).copy()  # [2H, M]
        self.b0 = sd["logit_layer.0.bias"].astype(f32)
        w1 = sd["logit_layer.2.weight"].astype(f32)  # [C, M]
        b1 = sd["logit_layer.2.bias"].astype(f32)
        # Extra impossible class for padding candidates.
        self.w1 = np.vstack([w1, np.zeros((1, w1.shape[1]), dtype=f32)])
        self.b1 = np.concatenate([b1, np.array([-1e9], dtype=f32)])

    # ------------------------------------------------------------------ forward pass

    def _run_batch(self, seqs: list[np.ndarray], targets: list[list[int]]) -> np.ndarray:
        """Hidden states [N, 2H] at the target positions (0-based within each seq, before BOS)."""
        hid = self.hid
        b = len(seqs)
        lengths = np.fromiter((len(s) + 2 for s in seqs), dtype=np.int64, count=b)
        t_max = int(lengths.max())
        ids = np.full((b, t_max), self.pad, dtype=np.int64)
        for row, s in enumerate(seqs):
            ids[row, 0] = self.bos
            ids[row, 1: len(s) + 1] = s
            ids[row, len(s) + 1] = self.eos
        # Reversed sequences (each within its own length), padded at the end.
        ridx = lengths[:, None] - 1 - np.arange(t_max)[None, :]
        valid = ridx >= 0
        rids = np.take_along_axis(ids, np.where(valid, ridx, 0), axis=1)
        rids[~valid] = self.pad
        inp = self.proj_f[ids]  # [B, T, 8H]
        inp += self.proj_b[rids]
        inp = np.ascontiguousarray(inp.transpose(1, 0, 2))  # [T, B, 8H]

        h = np.zeros((b, 2 * hid), dtype=np.float32)
        c = np.zeros((b, 2 * hid), dtype=np.float32)
        hs = np.empty((t_max, b, 2 * hid), dtype=np.float32)
        z = np.empty((b, 8 * hid), dtype=np.float32)
        tmp = np.empty((b, 2 * hid), dtype=np.float32)
        w_hh = self.w_hh
        h2, h4, h6 = 2 * hid, 4 * hid, 6 * hid
        for t in range(t_max):
            np.matmul(h, w_hh, out=z)
            z += inp[t]
            np.negative(z, out=z)
            np.exp(z, out=z)
            z += 1.0
            np.reciprocal(z, out=z)
            # c = f * c + i * (2 * s_g - 1)
            g = z[:, h4:h6]
            g *= 2.0
            g -= 1.0
            c *= z[:, h2:h4]
            np.multiply(z[:, :h2], g, out=tmp)
            c += tmp
            np.tanh(c, out=tmp)
            np.multiply(z[:, h6:], tmp, out=h)
            hs[t] = h

        rows: list[int] = []
        fpos: list[int] = []
        bpos: list[int] = []
        for row, (tg, ln) in enumerate(zip(targets, lengths.tolist())):
            for p in tg:
                rows.append(row)
                fpos.append(p + 1)
                bpos.append(ln - 2 - p)
        r = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), 2 * hid), dtype=np.float32)
        out[:, :hid] = hs[np.asarray(fpos, dtype=np.int64), r, :hid]
        out[:, hid:] = hs[np.asarray(bpos, dtype=np.int64), r, hid:]
        return out

    def scores(self, hidden: np.ndarray, chars: Sequence[str]) -> np.ndarray:
        """Logits [N, K] over each target character's candidate classes (order of candidates[ch])."""
        cand = self.cand_table[[self.poly_index[ch] for ch in chars]]  # [N, K]
        m = hidden @ self.w0
        m += self.b0
        np.maximum(m, 0.0, out=m)
        w = self.w1[cand]  # [N, K, M]
        return np.einsum("nm,nkm->nk", m, w) + self.b1[cand]

    def predict(self, seqs: list[np.ndarray], targets: list[list[int]], chars: list[str],
                batch_size: int = 1024) -> tuple[list[str], np.ndarray]:
        """Readings for the target characters (flattened in seq order) and their score margins.

        ``seqs`` are id arrays (see :meth:`encode`), ``targets`` the positions of polyphonic characters
        in each, ``chars`` those characters in the same flattened order.
        """
        n = len(seqs)
        if n == 0:
            return [], np.zeros(0, dtype=np.float32)
        order = sorted(range(n), key=lambda i: len(seqs[i]))
        offsets = [0] * (n + 1)
        for i in range(n):
            offsets[i + 1] = offsets[i] + len(targets[i])
        total = offsets[n]
        hidden = np.empty((total, 2 * self.hid), dtype=np.float32)
        with single_threaded_blas():
            self._forward_all(seqs, targets, order, offsets, hidden, batch_size)
        return self._decode(hidden, chars, total)

    def _forward_all(self, seqs: list[np.ndarray], targets: list[list[int]], order: list[int],
                     offsets: list[int], hidden: np.ndarray, batch_size: int) -> None:
        n = len(seqs)
        for start in range(0, n, batch_size):
            batch = order[start: start + batch_size]
            h = self._run_batch([seqs[i] for i in batch], [targets[i] for i in batch])
            k = 0
            for i in batch:
                cnt = len(targets[i])
                hidden[offsets[i]: offsets[i] + cnt] = h[k: k + cnt]
                k += cnt

    def _decode(self, hidden: np.ndarray, chars: list[str], total: int) -> tuple[list[str], np.ndarray]:
        readings: list[str] = []
        margins = np.empty(total, dtype=np.float32)
        step = 65536
        for s in range(0, total, step):
            sc = self.scores(hidden[s: s + step], chars[s: s + step])
            best = sc.argmax(axis=1)
            top2 = np.partition(sc, sc.shape[1] - 2, axis=1)
            margins[s: s + step] = top2[:, -1] - top2[:, -2]
            for ch, bi in zip(chars[s: s + step], best.tolist()):
                readings.append(self.candidates[ch][bi])
        return readings, margins
