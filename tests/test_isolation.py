"""`import quotes`, the CLI and the built-in engine never import stanza or torch."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    import quotes, quotes.cli, quotes.engines, quotes.engines.builtin, quotes.engines.stanza, quotes.models_cmd
    from quotes.engines import get_engine
    from quotes.extract import extract
    from quotes.model import Source

    doc = extract(Source("a.txt", '"We will win," Maria Lopez said. She added: "Soon."'))
    (out,) = get_engine("builtin").attribute([doc])
    assert out.quotes[0].attribution.speaker == "Maria Lopez", out.quotes[0].attribution
    quotes.models_cmd.models_info("/nonexistent-models-dir")
    heavy = sorted(m for m in ("torch", "stanza") if m in sys.modules)
    print(",".join(heavy) or "clean")
    """
)


def test_builtin_path_never_imports_torch_or_stanza() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"


def test_stanza_engine_module_imports_cleanly_without_stanza() -> None:
    # Hide stanza and torch: importing the engine module still works; building the engine is a QuotesError.
    script = textwrap.dedent(
        """
        import sys
        sys.modules["stanza"] = None
        sys.modules["torch"] = None
        import quotes.engines.stanza as s
        from quotes.errors import QuotesError
        import os, tempfile
        d = tempfile.mkdtemp()
        try:
            s.StanzaEngine(models_dir=os.path.join(d, "none"))
        except QuotesError as e:
            print(type(e).__name__)
        try:
            s.StanzaEngine(models_dir=sys.argv[1])
        except QuotesError as e:
            print("pip install" in str(e) and "\\n" not in str(e))
        """
    )
    tiny = Path(__file__).resolve().parent.parent / "fixtures" / "stanza_tiny"
    done = subprocess.run([sys.executable, "-c", script, str(tiny)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ModelsMissingError", "True"]
