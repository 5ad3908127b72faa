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
    page.fill("input[name=display_name]", "Newcomer")
    page.fill("input[name=password1]", "a-very-long-e2e-password")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    mail = latest_mail(server, "e2e-newcomer@example.com")
    link = re.search(r"http://[^\s]+/confirm-email/[^\s]+", mail).group(0)
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".account-menu").inner_text().count("Newcomer") == 1


def test_a_new_member_joins_in_spanish_and_stays_in_spanish(page, server):
    """Issue 16: sign-up, confirmation, the what-next page and sign-out all
    answer in the language the member started in."""
    page.goto(f"{server['url']}/es/accounts/signup/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label("Correo electrónico").fill("e2e-nueva@example.com")
    page.get_by_label("Nombre visible").fill("Nueva Persona")
    page.get_by_label("Contraseña", exact=True).fill("a-very-long-e2e-password")
    page.locator("main").get_by_role("button", name="Crear mi cuenta").click()
    page.wait_for_load_state()
    assert "/es/" in page.url and page.locator("html").get_attribute("lang") == "es"
    link = re.search(
        r"http://[^\s]+/confirm-email/[^\s]+", latest_mail(server, "e2e-nueva@example.com")
    ).group(0)
    assert "/es/accounts/confirm-email/" in link
    page.goto(link)
    page.locator("main").get_by_role("button", name="Confirmar mi dirección").click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/members/welcome/")
    assert page.locator("h1").inner_text().startswith("Te damos la bienvenida")
    page.locator(".account-menu").get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_load_state()
    # Signed out, back to the page it was on (the welcome page asks to sign in again), in Spanish.
    assert "/es/" in page.url and page.locator("html").get_attribute("lang") == "es"


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


@pytest.mark.parametrize(
    "path",
    [
        "/es/",
        "/fr/",
        "/es/actividades/?q=tarjetas",
        "/fr/activites/?q=brise-glace",
        "/es/library/planner/",
        "/fr/guides/qu-est-ce-qu-un-cercle-d-apprentissage/",
        "/es/forum/t/14-first-meeting-nerves-what-did-you-do-in-week-one/",
    ],
)
def test_no_page_is_wider_than_a_phone_in_spanish_or_french(browser, server, path):
    """Spanish and French labels are longer than English ones: at 390 px
    nothing may push the page sideways (the library's sort links did, as
    "Más relevantes · Más recientes · Más cortas · A–Z · Más usados")."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        response = page.goto(f"{server['url']}{path}")
        assert response.status == 200
        wider = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 3).map(element => element.tagName + ' ' + element.className)"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, wider
    finally:
        context.close()
