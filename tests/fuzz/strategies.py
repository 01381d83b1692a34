"""What a hostile or careless person types: markup, template syntax, control characters, odd
unicode, huge and non-numbers, and the ordinary text between them."""

from hypothesis import strategies as st

MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b>",
    "</textarea><svg onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
    "{{ request.user }}",
    "{% debug %}",
    "javascript:alert(1)",
    '=HYPERLINK("http://example.org")',
    "&lt;i&gt;escaped&lt;/i&gt;",
)
CONTROL = "".join(chr(code) for code in (*range(0, 32), 127, *range(128, 160)))
ODD = ("\u202e", "\u200b", "\ufeff", "\u0301", "𝕏", "👩🏽‍🔬", "Ω", "ß", "İ", "\u2028")

control_characters = st.text(alphabet=CONTROL, min_size=1, max_size=3)
odd_unicode = st.sampled_from(ODD)
markup = st.sampled_from(MARKUP)


def typed_text(max_size=120):
    """Text as it reaches a field: plain, markup, control characters and odd unicode, mixed."""
    piece = st.one_of(st.text(max_size=20), markup, control_characters, odd_unicode)
    return st.one_of(
        st.text(max_size=max_size),
        st.lists(piece, min_size=1, max_size=5).map("".join).map(lambda text: text[: max_size * 2]),
    )


def typed_number():
    """What reaches a number field: numbers, huge ones, signs, decimals, words and NaN."""
    return st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
        st.sampled_from(["", " ", "NaN", "nan", "Infinity", "-inf", "1e999", "0x10", "1_000", "١٢", "٣.٥", "1,5"]),
        typed_text(12),
    )


def one_of_or_typed(values):
    """A valid choice most of the time, anything else otherwise."""
    return st.one_of(st.sampled_from(list(values)), typed_text(20))


def accepted_text(max_size=120):
    """Text a form should take as it is: markup and odd unicode, but no control characters."""
    piece = st.one_of(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=20), markup)
    words = st.lists(piece, max_size=4).map("".join)
    return st.builds(
        lambda head, tail: (head + tail)[:max_size], st.sampled_from(["Ana", "Bo", "Çağrı", "Ωmega"]), words
    )


def mostly_valid(valid, fuzzed):
    """A valid form (drawn from ``valid``, a strategy per field) with a few of its fields, zero to
    three, replaced by anything at all (``fuzzed``): most examples go past the form's validation
    into the services and the pages that show what was stored, the others test the refusals."""

    @st.composite
    def forms(draw):
        data = draw(st.fixed_dictionaries(valid))
        for name in draw(st.sets(st.sampled_from(sorted(fuzzed)), max_size=3)):
            data[name] = draw(fuzzed[name])
        return data

    return forms()
