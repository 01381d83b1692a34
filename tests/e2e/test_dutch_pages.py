"""Every page of the demo, read in Dutch as each role on a phone, shows no English interface text,
writes numbers and dates the Dutch way (10.840,00; 30 januari 2027), and does not scroll sideways
(Dutch words are longer: what fits in Dutch fits in English).

The English looked for is the catalogue's: each translated msgid whose Dutch differs, cut at its
placeholders into phrases of two words or more. What people typed (the demo's English titles, summaries,
names, notes) is taken out of the page's text first: it is content, not interface.
"""

import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from playwright.sync_api import expect

from icm_portal.pages.tour import COORDINATOR, ROLES, pages_of
from projects.demo.catalogue import demo_call
from projects.models import Institution
from tests.foundation.test_translations import PO, _catalogue

from .tour import PHONE, SIDEWAYS, seed_demo, visitor

pytestmark = pytest.mark.django_db(transaction=True)

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|[“”\"():;·]")
ENGLISH_MONTHS = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
)
ENGLISH_AMOUNT = re.compile(r"\b\d{1,3}(,\d{3})+\.\d{2}\b|\b\d+\.\d{2}\b(?! ?%)")
DUTCH_DATE = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}"
)
DUTCH_AMOUNT = re.compile(r"\b\d{1,3}(\.\d{3})+,\d{2}\b")

# The page's text as a visitor reads it: disclosures opened, words marked as another language left out.
VISIBLE_TEXT = """() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  document.querySelectorAll("body [lang]:not([lang|=nl])").forEach((element) => element.remove());
  return document.body.innerText;
}"""


def english_phrases():
    """Phrases of the interface in English that read differently in Dutch: two words or more."""
    translated, _ = _catalogue(PO.read_text(encoding="utf-8"))
    dutch = " ".join(s for strings in translated.values() for s in strings)
    phrases = set()
    for msgid, strings in translated.items():
        if msgid in strings:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            fragment = " ".join(fragment.split()).strip(" ,.?!–-")
            if len(fragment.split()) >= 2 and fragment not in dutch:
                phrases.add(fragment)
    return phrases


def typed_content():
    """Every text people typed into the demo (titles, summaries, names, notes), longest first."""
    values = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"projects", "applications", "mobilities"}:
            continue
        fields = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField)]
        for row in model.objects.values_list(*fields):
            values.update(v for v in row if isinstance(v, str) and len(v) > 3)
    return sorted(values, key=len, reverse=True)


def interface_text(text, content):
    for value in content:
        text = text.replace(value, " ")
    return text


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_in_dutch(browser, live_server, role_groups, role):
    seed_demo()
    phrases, content = english_phrases(), typed_content()
    found, dates, amounts = [], 0, 0
    with visitor(browser, live_server, role, "nl", viewport=PHONE) as page:
        for row in pages_of(role):
            url = row.url()
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == "nl"
            text = interface_text(page.evaluate(VISIBLE_TEXT), content)
            where = f"{url} ({row.slug}) as {role}"
            found += [f"{where}: English “{phrase}”" for phrase in sorted(phrases) if phrase in text]
            found += [f"{where}: English date “{m.group(0)}”" for m in ENGLISH_MONTHS.finditer(text)]
            found += [f"{where}: English number “{m.group(0)}”" for m in ENGLISH_AMOUNT.finditer(text)]
            if sideways := page.evaluate(SIDEWAYS):
                found.append(f"{where}: the page scrolls {sideways} px sideways on a phone")
            dates += len(DUTCH_DATE.findall(text))
            amounts += len(DUTCH_AMOUNT.findall(text))
    assert not found, f"{len(found)} English bits on Dutch pages:\n" + "\n".join(found)
    assert dates, "no date on these pages reads the Dutch way"
    if role not in {"anonymous", "student", "staff"}:
        assert amounts, "no amount on these pages reads the Dutch way"


def test_the_live_grant_estimate_reads_in_dutch(browser, live_server, role_groups):
    """What the proposal form's script writes as the coordinator types is Dutch too."""
    seed_demo()
    with visitor(browser, live_server, COORDINATOR, "nl") as page:
        page.goto(reverse("projects:proposal_create", args=[demo_call().pk]))
        expect(page.locator("[data-proposal-total]")).to_have_text("0,00")
        essti = Institution.objects.get(name__startswith="Ethiopian Space Science")
        page.locator("[name=partner]").select_option(str(essti.pk))
        page.locator("[name='flows-0-direction']").select_option("incoming")
        page.locator("[name='flows-0-activity']").select_option("student_study")
        page.locator("[name='flows-0-participants']").fill("2")
        page.locator("[name='flows-0-days']").fill("150")
        expect(page.locator("[data-flow-grant]").first).to_have_text("10.840,00")
        expect(page.locator("[data-proposal-total]")).to_have_text("10.840,00")
        page.locator("[name='flows-0-days']").fill("30")  # too short a study stay: the refusal is Dutch
        expect(page.locator("[data-flow-breakdown]").first).not_to_be_empty()
        breakdown = page.locator("[data-flow-breakdown]").first.inner_text()
        assert not [phrase for phrase in english_phrases() if phrase in breakdown], breakdown
