"""Demo content owned by the home app: locales, the home page and the
standard pages, each translated into Spanish and French through
wagtail-localize, and the header and footer links."""

import uuid

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from activities.models import ActivityIndexPage
from core.models import FooterLink, FooterSettings, NavigationLink, NavigationSettings
from core.sites import sync_site
from core.translation import strings_for, translate
from guides.models import GuideIndexPage

from .models import HomePage, StandardPage

HOME_TITLE = {"en": "Circle Commons", "es": "Circle Commons", "fr": "Circle Commons"}
HOME_INTRO = [
    {
        "en": "A learning circle is a small study group that meets in person or online, "
        "usually once a week for six to eight weeks, to work through a free course together.",
        "es": "Un círculo de aprendizaje es un grupo de estudio pequeño que se reúne en persona o en línea, "
        "normalmente una vez por semana durante seis a ocho semanas, para seguir juntos un curso gratuito.",
        "fr": "Un cercle d'apprentissage est un petit groupe d'étude qui se retrouve en personne ou en ligne, "
        "en général une fois par semaine pendant six à huit semaines, pour suivre ensemble un cours gratuit.",
    },
    {
        "en": "Nobody in the room is the teacher. A facilitator keeps the meeting on track, "
        "and the learners help each other through the material.",
        "es": "Nadie en la sala es el profesor. Una persona facilitadora mantiene el rumbo de la reunión "
        "y los participantes se ayudan entre sí con el material.",
        "fr": "Personne dans la salle n'est l'enseignant. La personne qui anime garde la séance sur les rails "
        "et les participants s'entraident pour avancer dans le contenu.",
    },
    {
        "en": "Circle Commons is where facilitators learn the method, borrow activities that work "
        "and ask each other for advice.",
        "es": "Circle Commons es el lugar donde quienes facilitan aprenden el método, toman prestadas actividades "
        "que funcionan y se piden consejo.",
        "fr": "Circle Commons est l'endroit où les personnes qui animent des cercles apprennent la méthode, empruntent des "
        "activités qui marchent et se demandent conseil.",
    },
]

STANDARD_PAGES = [
    {
        "slug": {"en": "about", "es": "acerca-de", "fr": "a-propos"},
        "title": {
            "en": "About Circle Commons",
            "es": "Acerca de Circle Commons",
            "fr": "À propos de Circle Commons",
        },
        "intro": {
            "en": "Who runs this site and why it exists.",
            "es": "Quién mantiene este sitio y por qué existe.",
            "fr": "Qui fait vivre ce site et pourquoi il existe.",
        },
        "body": [
            (
                "heading",
                {"en": "Why we started", "es": "Por qué empezamos", "fr": "Pourquoi nous avons commencé"},
            ),
            (
                "paragraph",
                {
                    "en": "Facilitators often work alone in their branch. We wanted one place where the know-how "
                    "of many circles adds up instead of getting lost.",
                    "es": "Quienes facilitan suelen trabajar solos en su sucursal. Queríamos un lugar donde la "
                    "experiencia de muchos círculos se sume en vez de perderse.",
                    "fr": "Les personnes qui animent travaillent souvent seules dans leur bibliothèque. Nous "
                    "voulions un lieu où le savoir-faire de nombreux cercles s'additionne au lieu de se perdre.",
                },
            ),
            ("heading", {"en": "How it works", "es": "Cómo funciona", "fr": "Comment ça marche"}),
            (
                "paragraph",
                {
                    "en": "Editors write and review the guides. Facilitators submit activities, which editors "
                    "check before they are published. The forum is open to every member.",
                    "es": "El equipo editorial escribe y revisa las guías. Quienes facilitan envían actividades, "
                    "que se revisan antes de publicarse. El foro está abierto a todas las personas miembro.",
                    "fr": "L'équipe éditoriale rédige et relit les guides. Les personnes qui animent proposent "
                    "des activités, relues avant publication. Le forum est ouvert à tous les membres.",
                },
            ),
        ],
    },
    {
        "slug": {"en": "code-of-conduct", "es": "codigo-de-conducta", "fr": "code-de-conduite"},
        "title": {"en": "Code of conduct", "es": "Código de conducta", "fr": "Code de conduite"},
        "intro": {
            "en": "How we treat each other here, in short.",
            "es": "Cómo nos tratamos aquí, en pocas palabras.",
            "fr": "Comment nous nous traitons ici, en bref.",
        },
        "body": [
            (
                "paragraph",
                {
                    "en": "Be kind and assume good intent. Speak from your own experience. Disagree with ideas, "
                    "never with people.",
                    "es": "Sé amable y supón buena intención. Habla desde tu propia experiencia. Discrepa de las "
                    "ideas, nunca de las personas.",
                    "fr": "Soyez bienveillant et présumez la bonne foi. Parlez de votre propre expérience. "
                    "Contestez les idées, jamais les personnes.",
                },
            ),
            (
                "paragraph",
                {
                    "en": "Harassment, spam and sharing someone's private details are not allowed. Moderators may "
                    "hide posts and limit accounts that break these rules. Use the flag button to tell them.",
                    "es": "No se permite el acoso, el spam ni publicar datos privados de otra persona. La moderación "
                    "puede ocultar mensajes y limitar cuentas que rompan estas normas. Usa el botón de aviso.",
                    "fr": "Le harcèlement, le spam et la divulgation d'informations privées sont interdits. La "
                    "modération peut masquer des messages et limiter les comptes fautifs. Utilisez le bouton de "
                    "signalement.",
                },
            ),
        ],
    },
    {
        "slug": {"en": "privacy", "es": "privacidad", "fr": "confidentialite"},
        "title": {"en": "Privacy", "es": "Privacidad", "fr": "Confidentialité"},
        "intro": {
            "en": "What we keep about you and why.",
            "es": "Qué guardamos sobre ti y por qué.",
            "fr": "Ce que nous conservons à votre sujet et pourquoi.",
        },
        "body": [
            (
                "paragraph",
                {
                    "en": "We keep your e-mail address to let you sign in and to send the notifications you ask "
                    "for. Your profile shows only what you choose to fill in.",
                    "es": "Guardamos tu correo para que puedas iniciar sesión y para enviarte los avisos que pidas. "
                    "Tu perfil muestra solo lo que decidas completar.",
                    "fr": "Nous conservons votre adresse e-mail pour la connexion et pour les notifications que vous "
                    "demandez. Votre profil n'affiche que ce que vous choisissez de remplir.",
                },
            ),
            (
                "paragraph",
                {
                    "en": "We set no tracking cookies and load nothing from other sites. You can ask us to delete "
                    "your account at any time.",
                    "es": "No usamos cookies de seguimiento ni cargamos nada de otros sitios. Puedes pedirnos que "
                    "borremos tu cuenta cuando quieras.",
                    "fr": "Nous ne posons aucun cookie de suivi et ne chargeons rien depuis d'autres sites. Vous "
                    "pouvez demander la suppression de votre compte à tout moment.",
                },
            ),
        ],
    },
]

TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def ensure_locales():
    for code, _ in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def paragraphs(texts):
    return "".join(f"<p>{escape(text['en'])}</p>" for text in texts)


def _demo_uuid(name):
    # Stable block ids keep repeated runs byte-identical.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"circle-commons-demo:{name}"))


def stream(items, prefix):
    return [
        {
            "type": kind,
            "value": {"text": text["en"], "level": "h2"}
            if kind == "heading"
            else f"<p>{escape(text['en'])}</p>",
            "id": _demo_uuid(f"{prefix}:{index}"),
        }
        for index, (kind, text) in enumerate(items)
    ]


def translate_missing(page, texts):
    """Translate `page` into every other language it is not yet in."""
    for code in TRANSLATED_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        if not page.get_translations().filter(locale=locale).exists():
            translate(page, code, strings_for(texts, code))


def seed_home():
    ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        # Wagtail's own "Welcome" placeholder page goes; the home page takes its place.
        Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore"
        ).delete()
        home = HomePage(title=HOME_TITLE["en"], slug="home", intro=paragraphs(HOME_INTRO))
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        site.root_page = home
        site.site_name = "Circle Commons"
        site.save()
        sync_site()  # hostname and port from BASE_URL
    translate_missing(home, [HOME_TITLE, *HOME_INTRO])

    for spec in STANDARD_PAGES:
        page = StandardPage.objects.filter(slug=spec["slug"]["en"], locale=home.locale).first()
        if page is None:
            page = StandardPage(
                title=spec["title"]["en"],
                slug=spec["slug"]["en"],
                intro=spec["intro"]["en"],
                body=stream(spec["body"], spec["slug"]["en"]),
                show_in_menus=False,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        texts = [spec["slug"], spec["title"], spec["intro"], *(text for _, text in spec["body"])]
        translate_missing(page, texts)
    return home


def seed_navigation(home):
    """Header: guides, activities, about; footer: the standard pages."""
    header_pages = []
    for model in (GuideIndexPage, ActivityIndexPage):
        index = model.objects.filter(locale=home.locale).first()
        if index is not None:
            header_pages.append(index)
    about = StandardPage.objects.filter(slug="about", locale=home.locale).first()
    header_pages.append(about)

    navigation = NavigationSettings.load()
    if not navigation.links.exists():
        for order, page in enumerate(header_pages):
            NavigationLink.objects.create(setting=navigation, page=page, sort_order=order)
    footer = FooterSettings.load()
    if not footer.links.exists():
        footer.contact_email = "hello@circlecommons.example"
        footer.save()
        pages = StandardPage.objects.filter(locale=home.locale, depth=home.depth + 1).order_by("path")
        for order, page in enumerate(pages):
            FooterLink.objects.create(setting=footer, page=page, sort_order=order)
