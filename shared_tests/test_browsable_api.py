"""The browsable API says why it has no login link where the chapter keeps no session."""

import pytest
from django.urls import NoReverseMatch, reverse

NOTE = b'id="no-session-login"'


def session_login_url():
    try:
        return reverse("rest_framework:login")
    except NoReverseMatch:
        return None


@pytest.fixture
def page(anon, db):
    return anon.get("/api/categories/", HTTP_ACCEPT="text/html").content


@pytest.mark.skipif(session_login_url() is None, reason="no session login in this chapter")
def test_session_chapter_shows_the_login_link_and_no_note(page):
    assert session_login_url().encode() in page
    assert NOTE not in page


@pytest.mark.skipif(session_login_url() is not None, reason="this chapter has a session login")
def test_sessionless_chapter_explains_the_missing_login_link(page):
    assert NOTE in page, "the note saying there is no session, and pointing at /api/docs/"


@pytest.mark.skipif(session_login_url() is not None, reason="this chapter has a session login")
def test_the_note_points_at_the_api_docs(page):
    assert b'href="/api/docs/"' in page
