import re

import pytest

from .conftest import axe_violations, format_violations, latest_mail, screenshot

pytestmark = pytest.mark.e2e


def test_visitor_reads_about_page_and_switches_language(page, server):
    page.goto(f"{server['url']}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("footer >> text=About Circle Commons")
    assert page.url.endswith("/en/about/")
    page.click("nav.language-switcher >> text=Español")
    assert page.url.endswith("/es/acerca-de/")
    assert page.locator("h1").inner_text() == "Acerca de Circle Commons"
    page.click("nav.language-switcher >> text=English")
    assert page.url.endswith("/en/about/")


def test_new_member_signs_up_and_confirms_email(page, server):
    page.goto(f"{server['url']}/en/accounts/signup/")
    page.fill("input[name=email]", "e2e-newcomer@example.com")
    page.fill("input[name=username]", "e2e-newcomer")
    page.fill("input[name=password1]", "a-very-long-e2e-password")
    page.fill("input[name=password2]", "a-very-long-e2e-password")
    page.fill("input[name=display_name]", "Newcomer")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    mail = latest_mail(server, "e2e-newcomer@example.com")
    link = re.search(r"http://[^\s]+/confirm-email/[^\s]+", mail).group(0)
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".account-menu").inner_text().count("Newcomer") == 1


@pytest.mark.parametrize(
    "path, name",
    [
        ("/en/", "home"),
        ("/es/", "home-es"),
        ("/en/about/", "about"),
        ("/en/accounts/login/", "sign-in"),
        ("/en/accounts/signup/", "sign-up"),
        ("/en/search/?q=circle", "search"),
    ],
)
def test_page_is_accessible_and_screenshotted(browser, page, server, path, name):
    url = f"{server['url']}{path}"
    page.goto(url)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    screenshot(browser, url, name)
