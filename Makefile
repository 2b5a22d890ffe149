# Zhushi — two commands on a fresh machine:  `make run`  (set up, open the reader)  ·  `make test`  (set up, run the tests)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
FILE   ?=

.PHONY: setup run test bench eval screenshot export desktop system-libs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Byte-compile the project as pip does for an installed package (an editable install does not), so
# that a start does not compile every module again where bytecode is not written (PYTHONDONTWRITEBYTECODE).
setup: $(STAMP)
	@$(BIN)/python -m compileall -q reader glossary resources

# Qt's X11 plugin needs a few xcb libraries that a minimal Debian lacks; install them when we can (root + apt).
system-libs:
	@if [ "$$(uname)" = Linux ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	   ldd $(BIN)/../$$(cd $(VENV) && ls -d lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so) 2>/dev/null | grep -q 'not found'; then \
	  echo "Installing the X11 libraries Qt needs (apt-get)…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxcb-icccm4 libxcb-keysyms1 \
	     libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 >/dev/null) || \
	  echo "Could not install them; on another system install your distribution's libxcb-cursor0 and friends."; \
	fi

run: setup system-libs
	$(BIN)/zhushi $(FILE)

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

# Accuracy of the readings: Mandarin on CPP's dev split, Jyutping on HKCanCor's held-out part (installs pycantonese).
eval: setup
	$(BIN)/python -m pip install --quiet -e '.[eval]'
	$(BIN)/python bench/eval_cpp.py
	$(BIN)/python bench/eval_jyutping.py

screenshot: setup
	$(BIN)/zhushi screenshot $(FILE) -o zhushi-screenshot.png --pinyin

# Linux: Zhushi in the applications menu and in "Open with" for the formats it reads (zhushi desktop remove undoes it).
desktop: setup
	$(BIN)/zhushi desktop install

export: setup
	$(BIN)/zhushi export $(FILE) -o zhushi-article.pdf --pinyin

clean:
	rm -rf $(VENV) build *.egg-info
	find reader glossary resources bench tests -name __pycache__ -prune -exec rm -rf {} +
