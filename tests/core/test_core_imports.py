"""The core must run without Qt: import every core module in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import perfdesk.core


def test_core_modules_never_import_qt():
    names = sorted(m.name for m in pkgutil.walk_packages(perfdesk.core.__path__, "perfdesk.core."))
    assert "perfdesk.core.rules.scoring" in names  # the walk found the real modules
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "import perfdesk.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in Qt: {out.stdout}"


def test_core_has_no_import_cycles():
    """Imports between core modules (deferred ones inside functions too) form no cycle."""
    import ast
    from pathlib import Path

    root = Path(perfdesk.core.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = "perfdesk.core." + ".".join(path.relative_to(root).with_suffix("").parts)
        name = name.removesuffix(".__init__")
        deps = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("perfdesk.core"):
                deps.add(node.module)
                deps.update(f"{node.module}.{a.name}" for a in node.names)
    deps_of = {m: {d for d in ds if d in graph and d != m} for m, ds in graph.items()}
    done: set[str] = set()

    def visit(module: str, stack: tuple[str, ...]) -> None:
        assert module not in stack, "import cycle: " + " -> ".join((*stack, module))
        if module in done:
            return
        for dep in deps_of[module]:
            visit(dep, (*stack, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_core_dataclasses_have_docstrings():
    """A dataclass without a docstring gets one made from `inspect.signature` when its module is
    imported: ~0.4 ms each, paid at every start-up."""
    import dataclasses
    import importlib

    names = sorted(m.name for m in pkgutil.walk_packages(perfdesk.core.__path__, "perfdesk.core."))
    undocumented = []
    for name in names:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                doc = value.__doc__ or ""
                if doc.startswith(f"{value.__name__}("):
                    undocumented.append(f"{name}.{value.__name__}")
    assert undocumented == []
