"""Keep a browser context on the loopback: abort and record every other request, and collect page errors."""

from pathlib import Path
from urllib.parse import urlsplit

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
LOOPBACK = "127.0.0.1"


class Guard:
    """Routes every request of one context; keeps what was blocked or went wrong for the test to check."""

    def __init__(self, context):
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        context.route("**/*", self._route)
        context.on("page", self.watch)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def watch(self, page) -> None:
        """Record console errors (a CSP refusal shows there), uncaught exceptions and failed sub-resources."""
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.console.append(f"{message.text} (at {message.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self._response)

    def _response(self, response) -> None:
        request = response.request
        if (
            response.status >= 400
            and request.resource_type != "document"
            and not request.url.endswith("/favicon.ico")
        ):
            self.failed.append(f"{response.status} {request.method} {request.url}")

    def problems(self) -> list[str]:
        """Everything that went wrong, one line each (empty when the visit was clean)."""
        return (
            [f"external request attempted: {url}" for url in self.blocked]
            + [f"console error: {text}" for text in self.console if "favicon.ico" not in text]
            + [f"uncaught script error: {text}" for text in self.page_errors]
            + [f"sub-resource failed: {text}" for text in self.failed]
        )


def shot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot as tests/screenshots/NAME.png (the folder is gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path
