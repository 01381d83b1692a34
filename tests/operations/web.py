"""A person's browser, as far as these tests need one: cookies (sent over plain HTTP even when marked
Secure, as behind a TLS proxy), redirects, and forms filled in with their CSRF token."""

import http.cookies
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Page:
    status: int
    url: str
    headers: object
    text: str

    def links(self, pattern):
        return sorted(set(re.findall(pattern, self.text)))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Forms(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.forms, self.current, self._select = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = Form(attrs.get("action", ""), attrs.get("id", ""))
            self.forms.append(self.current)
        form = self.current
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                form.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            form.options.setdefault(self._select, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            form.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self._select = None


class Form:
    """One form's fields with the values a browser would send, and the choices of its selects and boxes."""

    def __init__(self, action, form_id):
        self.action, self.id, self.fields, self.options = action, form_id, [], {}

    @classmethod
    def find(cls, html, containing):
        """The first form whose action or id contains ``containing``, or that has a field of that name."""
        for form in _Forms(html).forms:
            names = {name for name, _ in form.fields} | set(form.options)
            if containing in form.action + form.id or containing in names:
                return form
        raise AssertionError(f"no form with {containing!r}")

    def data(self, **values):
        """The form's own values with these instead; a list value sends the name once per item."""
        sent = [(name, value) for name, value in self.fields if name not in values]
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                sent.append((name, item))
        return sent


class WebClient:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.cookies = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, method, path, data=None, *, follow=True, timeout=20):
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        for _ in range(10):
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
            request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback
            if self.cookies:
                request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            try:
                response = self.opener.open(request, timeout=timeout)  # nosec B310: the tests' loopback server
                status, headers, text = response.status, response.headers, response.read().decode()
            except urllib.error.HTTPError as exc:
                status, headers, text = exc.code, exc.headers, exc.read().decode(errors="replace")
            for header in headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if follow and status in (301, 302, 303) and headers.get("Location"):
                url, method, data = urllib.parse.urljoin(url, headers["Location"]), "GET", None
                continue
            return Page(status, url, headers, text)
        raise AssertionError(f"too many redirects from {path}")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def submit(self, path, containing, *, timeout=20, **values):
        """GET the page, fill the form whose action contains ``containing``, POST it with its CSRF token."""
        page = self.get(path, timeout=timeout)
        assert page.status == 200, (path, page.status, page.text[:500])
        form = Form.find(page.text, containing)
        action = urllib.parse.urljoin(page.url, form.action or page.url)
        return self.request("POST", action, form.data(**values), timeout=timeout), form

    def log_in(self, username, password):
        page, _ = self.submit("/accounts/login/", "username", username=username, password=password)
        assert page.status == 200 and "/accounts/login/" not in page.url, (username, page.url, page.status)
        return page
