"""`import quotes`, the CLI and the built-in engine never import stanza, torch, dask or pyarrow."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    import quotes, quotes.cli, quotes.engines, quotes.engines.builtin, quotes.engines.stanza, quotes.models_cmd
    import quotes.pipeline, quotes.sources, quotes.readers.parquet
    from quotes.engines import get_engine
    from quotes.extract import extract
    from quotes.model import Source

    doc = extract(Source("a.txt", '"We will win," Maria Lopez said. She added: "Soon."'))
    (out,) = get_engine("builtin").attribute([doc])
    assert out.quotes[0].attribution.speaker == "Maria Lopez", out.quotes[0].attribution
    quotes.models_cmd.models_info("/nonexistent-models-dir")
    heavy = sorted(m for m in ("torch", "stanza", "dask", "distributed", "pyarrow", "pandas") if m in sys.modules)
    print(",".join(heavy) or "clean")
    """
)


def test_builtin_path_never_imports_torch_stanza_or_dask() -> None:
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


def test_cli_runs_without_dask_importing_it(tmp_path: Path) -> None:
    # `quotes check` and `quotes extract` without --scheduler/--dask never import dask or pyarrow.
    article = tmp_path / "a.txt"
    article.write_text('"We will win," Maria Lopez said.\n', encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys
        from click.testing import CliRunner
        from quotes.cli import main
        for command in ("extract", "check"):
            result = CliRunner().invoke(main, [command, sys.argv[1]])
            assert result.exit_code in (0, 1), result.output
        print(",".join(sorted(m for m in ("dask", "distributed", "pyarrow") if m in sys.modules)) or "clean")
        """
    )
    done = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"
