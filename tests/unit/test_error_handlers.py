"""Error handlers read by both front-ends: which ones do nothing with the error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.model import ErrorHandler

PY_HEADER = "from customerio import CustomerIO\ncio = CustomerIO(SITE, KEY)\n"
JS_HEADER = """\
import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE, KEY);
"""


def _python_handler(handler_body: str) -> ErrorHandler:
    body = textwrap.indent(textwrap.dedent(handler_body), "        ")
    text = (
        f"{PY_HEADER}def f(user):\n"
        "    try:\n"
        "        cio.track(1, 'x')\n"
        f"    except Exception:\n{body}"
    )
    [call] = analyze_python(text, Path("x.py")).calls
    [block] = call.context.try_blocks
    [handler] = block.handlers
    return handler


@pytest.mark.parametrize(
    ("body", "empty"),
    [
        ("pass\n", True),
        ("...\n", True),
        ('"ignored"\n', True),
        ("return\n", True),
        ("return None\n", True),
        ("pass; return\n", True),
        ("return False\n", False),
        ("failed = True\n", False),
        ("LOG.info('x')\n", False),
        ("raise\n", False),
        ("if x:\n    pass\n", False),
    ],
)
def test_python_handler_empty(body: str, empty: bool) -> None:
    assert _python_handler(body).empty is empty


def _javascript_call(statement: str) -> ErrorHandler | None:
    text = f"{JS_HEADER}async function f() {{\n  {statement}\n}}\n"
    [call] = analyze_javascript(text, Path("x.js")).calls
    if call.context.rejection_handler is not None:
        return call.context.rejection_handler
    [block] = call.context.try_blocks
    [handler] = block.handlers
    return handler


@pytest.mark.parametrize(
    ("statement", "empty", "logs"),
    [
        ("try { await cio.track(1, {}); } catch {}", True, False),
        ("try { await cio.track(1, {}); } catch (e) { return null; }", True, False),
        ("try { await cio.track(1, {}); } catch (e) { return e; }", False, False),
        ("try { await cio.track(1, {}); } catch (e) { log(e); }", False, True),
        ("await cio.track(1, {}).catch(() => {});", True, False),
        ("await cio.track(1, {}).catch(() => void 0);", True, False),
        ("await cio.track(1, {}).catch(noop);", True, False),
        ("await cio.track(1, {}).catch(handleError);", False, False),
        ("await cio.track(1, {}).then(() => 1).catch(function () {});", True, False),
        ("await cio.track(1, {}).then(ok, () => null);", True, False),
        ("await cio.track(1, {}).catch((e) => console.warn(e));", False, True),
    ],
)
def test_javascript_handler_empty(statement: str, empty: bool, logs: bool) -> None:
    handler = _javascript_call(statement)

    assert handler is not None
    assert handler.empty is empty
    assert handler.logs is logs


def test_javascript_then_without_rejection_handler() -> None:
    text = f"{JS_HEADER}cio.track(1, {{}}).then(() => 1).finally(done);\n"
    [call] = analyze_javascript(text, Path("x.js")).calls

    assert call.context.rejection_handler is None


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("LOG.warning('failed: %s', error)\n", [1]),
        ("LOG.error(f'failed: {error}')\n", [1]),
        ("LOG.info('failed: %s', str(error))\n", [1]),
        ("LOG.critical('failed: %s', error.args)\n", [1]),
        ("LOG.warning('failed', exc_info=True)\n", [1]),
        ("logging.exception('failed')\n", [1]),
        ("print(repr(error))\n", [1]),
        ("LOG.debug('failed: %s', error)\n", []),
        ("LOG.warning('failed: %s', status_of(error))\n", []),
        ("LOG.warning('failed: %s', type(error).__name__)\n", []),
        ("LOG.warning('failed', exc_info=False)\n", []),
        ("handle(error)\nLOG.info('failed')\nLOG.warning(error)\n", [3]),
    ],
)
def test_python_handler_error_logs(body: str, lines: list[int]) -> None:
    indented = textwrap.indent(textwrap.dedent(body), "        ")
    text = (
        f"{PY_HEADER}def f(user):\n"
        "    try:\n"
        "        cio.track(1, 'x')\n"
        f"    except Exception as error:\n{indented}"
    )
    [call] = analyze_python(text, Path("x.py")).calls
    [handler] = call.context.try_blocks[0].handlers
    first = PY_HEADER.count("\n") + 5

    assert [span.start.line - first + 1 for span in handler.error_logs] == lines


@pytest.mark.parametrize(
    ("body", "exits"),
    [
        ("raise\n", True),
        ("LOG.warning('x')\nreturn None\n", True),
        ("break\n", True),
        ("if attempt == 2:\n    raise\ntime.sleep(1)\n", False),
        ("time.sleep(1)\n", False),
    ],
)
def test_python_handler_exits(body: str, exits: bool) -> None:
    assert _python_handler(body).exits is exits


@pytest.mark.parametrize(
    ("statement", "exits"),
    [
        ("try { await cio.track(1, {}); } catch (e) { throw e; }", True),
        ("try { await cio.track(1, {}); } catch (e) { log(e); return; }", True),
        ("try { await cio.track(1, {}); } catch (e) { if (last) throw e; }", False),
        ("try { await cio.track(1, {}); } catch (e) { await sleep(10); }", False),
    ],
)
def test_javascript_handler_exits(statement: str, exits: bool) -> None:
    handler = _javascript_call(statement)

    assert handler is not None
    assert handler.exits is exits
