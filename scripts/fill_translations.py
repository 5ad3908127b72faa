"""Fill the project-level .po files (locale/) from the table below and compile them.

Run after `manage.py makemessages` for the project-level strings:
    .venv/bin/python scripts/fill_translations.py
Apps keep their own translations in <app>/locale/.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

# msgid: (Spanish, French)
TRANSLATIONS = {
    "Display name": ("Nombre visible", "Nom affiché"),
    "How other members see you. You can change it later.": (
        "Así te verán otras personas. Puedes cambiarlo más adelante.",
        "Ce que les autres membres voient. Vous pourrez le changer plus tard.",
    ),
    "I facilitate learning circles": (
        "Facilito círculos de aprendizaje",
        "J'anime des cercles d'apprentissage",
    ),
    "display name": ("nombre visible", "nom affiché"),
    "Shown beside your posts. Leave empty to use your username.": (
        "Aparece junto a tus mensajes. Déjalo vacío para usar tu nombre de usuario.",
        "Affiché à côté de vos messages. Laissez vide pour utiliser votre identifiant.",
    ),
    "short bio": ("biografía breve", "courte biographie"),
    "organisation": ("organización", "organisation"),
    "For example, the library branch where you facilitate.": (
        "Por ejemplo, la sucursal de biblioteca donde facilitas.",
        "Par exemple, la bibliothèque où vous animez.",
    ),
    "city": ("ciudad", "ville"),
    "languages spoken": ("idiomas que hablas", "langues parlées"),
    "For example: English, Spanish.": ("Por ejemplo: inglés, español.", "Par exemple : anglais, espagnol."),
    "Facilitator": ("Facilitador/a", "Facilitateur·rice"),
    "Organisation": ("Organización", "Organisation"),
    "City": ("Ciudad", "Ville"),
    "Languages": ("Idiomas", "Langues"),
    "Member since": ("Miembro desde", "Membre depuis"),
    "Edit your profile": ("Editar tu perfil", "Modifier votre profil"),
    "E-mail addresses": ("Direcciones de correo", "Adresses e-mail"),
    "Change password": ("Cambiar contraseña", "Changer le mot de passe"),
    "Save profile": ("Guardar perfil", "Enregistrer le profil"),
    "Cancel": ("Cancelar", "Annuler"),
    "Your profile has been saved.": ("Tu perfil se ha guardado.", "Votre profil a été enregistré."),
    "Header links": ("Enlaces de la cabecera", "Liens de l'en-tête"),
    "navigation": ("navegación", "navigation"),
    "Footer links": ("Enlaces del pie de página", "Liens du pied de page"),
    "footer": ("pie de página", "pied de page"),
    "Guides to start with": ("Guías para empezar", "Guides pour commencer"),
    "The first guides are being written.": (
        "Estamos escribiendo las primeras guías.",
        "Les premiers guides sont en cours d'écriture.",
    ),
    "Latest from the forum": ("Lo último del foro", "Dernières discussions du forum"),
    "No conversations yet. Be the first to ask.": (
        "Todavía no hay conversaciones. Sé la primera persona en preguntar.",
        "Pas encore de discussion. Posez la première question.",
    ),
    "New in the activity library": (
        "Novedades en la biblioteca de actividades",
        "Nouveautés de la bibliothèque d'activités",
    ),
    "No activities have been published yet.": (
        "Todavía no se ha publicado ninguna actividad.",
        "Aucune activité n'a encore été publiée.",
    ),
    "Search results for “%(query)s”": (
        "Resultados de búsqueda para «%(query)s»",
        "Résultats de recherche pour « %(query)s »",
    ),
    "Search": ("Buscar", "Rechercher"),
    "Search guides, activities and pages": (
        "Buscar guías, actividades y páginas",
        "Rechercher des guides, des activités et des pages",
    ),
    "%(counter)s result for “%(query)s”": (
        ("%(counter)s resultado para «%(query)s»", "%(counter)s resultados para «%(query)s»"),
        ("%(counter)s résultat pour « %(query)s »", "%(counter)s résultats pour « %(query)s »"),
    ),
    "Nothing matched. Try fewer or different words.": (
        "No hubo coincidencias. Prueba con menos palabras o con otras.",
        "Aucun résultat. Essayez avec moins de mots ou d'autres mots.",
    ),
    "Page not found": ("Página no encontrada", "Page introuvable"),
    "We could not find that page": ("No encontramos esa página", "Nous n'avons pas trouvé cette page"),
    "It may have moved, or the link may have a typo. Try searching, or start again from the home page.": (
        "Puede que se haya movido o que el enlace tenga un error. Prueba a buscar o vuelve a la página de inicio.",
        "Elle a peut-être été déplacée, ou le lien contient une faute. Essayez la recherche ou repartez de l'accueil.",
    ),
    "Search the site": ("Buscar en el sitio", "Rechercher sur le site"),
    "Go to the home page": ("Ir a la página de inicio", "Aller à l'accueil"),
    "Something went wrong": ("Algo salió mal", "Un problème est survenu"),
    "Something went wrong on our side": (
        "Algo salió mal de nuestro lado",
        "Un problème est survenu de notre côté",
    ),
    "The problem has been logged. Please try again in a moment. If you were writing something, use your browser's back button: your text is usually still there.": (
        "Hemos registrado el problema. Inténtalo de nuevo en un momento. Si estabas escribiendo algo, usa el botón "
        "Atrás del navegador: normalmente tu texto sigue ahí.",
        "Le problème a été enregistré. Réessayez dans un instant. Si vous étiez en train d'écrire, utilisez le bouton "
        "Retour du navigateur : votre texte y est en général encore.",
    ),
    "Back in a moment": ("Volvemos enseguida", "De retour dans un instant"),
    "Circle Commons is briefly unavailable": (
        "Circle Commons no está disponible por un momento",
        "Circle Commons est momentanément indisponible",
    ),
    "We cannot reach our database just now. Nothing you have already saved is lost. Please try again in a minute.": (
        "Ahora mismo no podemos acceder a nuestra base de datos. No se ha perdido nada de lo que ya guardaste. "
        "Vuelve a intentarlo en un minuto.",
        "Nous ne pouvons pas joindre notre base de données pour l'instant. Rien de ce que vous avez déjà enregistré "
        "n'est perdu. Réessayez dans une minute.",
    ),
    "A community of practice for people who facilitate learning circles.": (
        "Una comunidad de práctica para quienes facilitan círculos de aprendizaje.",
        "Une communauté de pratique pour les personnes qui animent des cercles d'apprentissage.",
    ),
    "Skip to main content": ("Saltar al contenido principal", "Aller au contenu principal"),
    "Your account": ("Tu cuenta", "Votre compte"),
    "Admin": ("Administración", "Administration"),
    "Sign out": ("Cerrar sesión", "Se déconnecter"),
    "Sign in": ("Iniciar sesión", "Se connecter"),
    "Join": ("Únete", "S'inscrire"),
    "Circle Commons is a community of practice for people who facilitate learning circles: free, peer-led study groups.": (
        "Circle Commons es una comunidad de práctica para quienes facilitan círculos de aprendizaje: grupos de "
        "estudio gratuitos y entre pares.",
        "Circle Commons est une communauté de pratique pour les personnes qui animent des cercles d'apprentissage : "
        "des groupes d'étude gratuits, entre pairs.",
    ),
    "Guides and activities are shared under CC BY-SA 4.0 unless a page says otherwise.": (
        "Las guías y actividades se comparten con licencia CC BY-SA 4.0 salvo que la página indique otra cosa.",
        "Les guides et les activités sont partagés sous licence CC BY-SA 4.0 sauf mention contraire.",
    ),
    "Footer": ("Pie de página", "Pied de page"),
    "Contact": ("Contacto", "Contact"),
    "Menu": ("Menú", "Menu"),
    "Main": ("Principal", "Principal"),
    "Language": ("Idioma", "Langue"),
    "This page is not available in this language yet; the link leads to its home page.": (
        "Esta página aún no está disponible en este idioma; el enlace lleva a su página de inicio.",
        "Cette page n'existe pas encore dans cette langue ; le lien mène à sa page d'accueil.",
    ),
    "home page": ("página de inicio", "page d'accueil"),
    "Pages": ("Páginas", "Pages"),
    "Previous": ("Anterior", "Précédent"),
    "Page %(number)s of %(total)s": ("Página %(number)s de %(total)s", "Page %(number)s sur %(total)s"),
    "Next": ("Siguiente", "Suivant"),
    "Please correct the fields marked below. Nothing you typed has been lost.": (
        "Corrige los campos marcados abajo. No se ha perdido nada de lo que escribiste.",
        "Corrigez les champs signalés ci-dessous. Rien de ce que vous avez saisi n'est perdu.",
    ),
}


def fill(language_index, code):
    path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        value = TRANSLATIONS.get(entry.msgid)
        if value is None:
            missing.append(entry.msgid)
            continue
        translated = value[language_index]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: translated[0], 1: translated[1]}
            if code == "es":  # Spanish has three plural forms in CLDR
                entry.msgstr_plural[2] = translated[1]
        else:
            entry.msgstr = translated
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata_is_fuzzy = False
    po.metadata.update(
        {
            "Project-Id-Version": "Circle Commons",
            "Language": code,
            "Language-Team": "Circle Commons <hello@circlecommons.example>",
            "Last-Translator": "Circle Commons <hello@circlecommons.example>",
            "PO-Revision-Date": po.metadata.get("POT-Creation-Date", ""),
        }
    )
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return missing


if __name__ == "__main__":
    for index, code in enumerate(["es", "fr"]):
        missing = fill(index, code)
        if missing:
            print(f"{code}: {len(missing)} strings without a translation:")
            for msgid in missing:
                print("   ", msgid)
