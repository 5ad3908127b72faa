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
    "Facilitator": ("Facilitador/a", "Personne qui anime"),
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
    "This page is not available in this language yet; the link leads to the nearest page that is.": (
        "Esta página aún no está disponible en este idioma; el enlace lleva a la página más cercana que sí lo está.",
        "Cette page n'existe pas encore dans cette langue ; le lien mène à la page la plus proche qui existe.",
    ),
    "not translated yet": ("aún sin traducir", "pas encore traduite"),
    "Pages": ("Páginas", "Pages"),
    "Previous": ("Anterior", "Précédent"),
    "Page %(number)s of %(total)s": ("Página %(number)s de %(total)s", "Page %(number)s sur %(total)s"),
    "Next": ("Siguiente", "Suivant"),
    "Please correct the fields marked below. Nothing you typed has been lost.": (
        "Corrige los campos marcados abajo. No se ha perdido nada de lo que escribiste.",
        "Corrigez les champs signalés ci-dessous. Rien de ce que vous avez saisi n'est perdu.",
    ),
    "What you sent has not been saved yet": (
        "Lo que enviaste aún no se ha guardado",
        "Ce que vous avez envoyé n'est pas encore enregistré",
    ),
    "Here it is, exactly as you typed it. Press “Try again” to send it once more, or copy it somewhere safe.": (
        "Aquí está, tal como lo escribiste. Pulsa «Reintentar» para enviarlo de nuevo, o cópialo en un lugar seguro.",
        "Le voici, tel que vous l'avez saisi. Appuyez sur « Réessayer » pour l'envoyer à nouveau, ou copiez-le en lieu sûr.",
    ),
    "Try again": ("Reintentar", "Réessayer"),
    # The shared block library (home/blocks.py) and its templates.
    "Text": ("Texto", "Texte"),
    "Heading 2": ("Título 2", "Titre 2"),
    "Heading 3": ("Título 3", "Titre 3"),
    "Level": ("Nivel", "Niveau"),
    "Heading": ("Título", "Titre"),
    "A section heading; it gets an anchor and appears in the table of contents.": (
        "Un título de sección; recibe un ancla y aparece en el índice.",
        "Un titre de section ; il reçoit une ancre et figure dans la table des matières.",
    ),
    "Rich text": ("Texto enriquecido", "Texte enrichi"),
    "Rich text: paragraphs, lists and links.": (
        "Texto enriquecido: párrafos, listas y enlaces.",
        "Texte enrichi : paragraphes, listes et liens.",
    ),
    "Tip": ("Consejo", "Astuce"),
    "Watch out": ("Atención", "Attention"),
    "Example": ("Ejemplo", "Exemple"),
    "Kind": ("Tipo", "Type"),
    "Title": ("Título", "Titre"),
    "Callout": ("Recuadro", "Encadré"),
    "A boxed note set apart from the text: a tip, something to watch out for, or an example.": (
        "Una nota en un recuadro aparte: un consejo, algo a tener en cuenta o un ejemplo.",
        "Une note encadrée, à part du texte : une astuce, un point d'attention ou un exemple.",
    ),
    "Step": ("Paso", "Étape"),
    "Detail": ("Detalle", "Détail"),
    "Steps": ("Pasos", "Étapes"),
    "Numbered steps to follow in order, each with an optional explanation.": (
        "Pasos numerados para seguir en orden, cada uno con una explicación opcional.",
        "Des étapes numérotées à suivre dans l'ordre, chacune avec une explication facultative.",
    ),
    "Image": ("Imagen", "Image"),
    "Alternative text": ("Texto alternativo", "Texte alternatif"),
    "What the image shows, for people who cannot see it. Required.": (
        "Lo que muestra la imagen, para quien no puede verla. Obligatorio.",
        "Ce que montre l'image, pour les personnes qui ne la voient pas. Obligatoire.",
    ),
    "Caption": ("Pie de foto", "Légende"),
    "An image with alternative text (required) and an optional caption shown below it.": (
        "Una imagen con texto alternativo (obligatorio) y un pie de foto opcional debajo.",
        "Une image avec un texte alternatif (obligatoire) et une légende facultative en dessous.",
    ),
    "Describe what the image shows; a file name is not a description.": (
        "Describe lo que muestra la imagen; un nombre de archivo no es una descripción.",
        "Décrivez ce que montre l'image ; un nom de fichier n'est pas une description.",
    ),
    "Video link": ("Enlace del vídeo", "Lien de la vidéo"),
    "A YouTube or Vimeo address.": ("Una dirección de YouTube o Vimeo.", "Une adresse YouTube ou Vimeo."),
    "What the video is; screen readers announce it, and it is shown if the video cannot play.": (
        "De qué trata el vídeo; los lectores de pantalla lo anuncian y se muestra si el vídeo no se puede reproducir.",
        "Le sujet de la vidéo ; les lecteurs d'écran l'annoncent et il s'affiche si la vidéo ne peut pas être lue.",
    ),
    "Video": ("Vídeo", "Vidéo"),
    "An embedded YouTube or Vimeo video, with a link to watch it on its own site.": (
        "Un vídeo de YouTube o Vimeo insertado, con un enlace para verlo en su propio sitio.",
        "Une vidéo YouTube ou Vimeo intégrée, avec un lien pour la regarder sur son site.",
    ),
    "Use a YouTube or Vimeo address; the site embeds videos only from those.": (
        "Usa una dirección de YouTube o Vimeo; el sitio solo inserta vídeos de esos servicios.",
        "Utilisez une adresse YouTube ou Vimeo ; le site n'intègre que les vidéos de ces services.",
    ),
    "Quote": ("Cita", "Citation"),
    "Who said it": ("Quién lo dijo", "Qui l'a dit"),
    "Someone's words, set apart, with who said them.": (
        "Las palabras de alguien, destacadas, con quién las dijo.",
        "Les mots de quelqu'un, mis en valeur, avec leur auteur.",
    ),
    "Question": ("Pregunta", "Question"),
    "Answer": ("Respuesta", "Réponse"),
    "Question and answer": ("Pregunta y respuesta", "Question et réponse"),
    "Questions": ("Preguntas", "Questions"),
    "Questions and answers": ("Preguntas y respuestas", "Questions et réponses"),
    "Frequently asked questions, each with its answer, all shown open so they print.": (
        "Preguntas frecuentes, cada una con su respuesta, todas abiertas para que se impriman.",
        "Questions fréquentes, chacune avec sa réponse, toutes ouvertes pour l'impression.",
    ),
    "Phase": ("Fase", "Phase"),
    "Minutes": ("Minutos", "Minutes"),
    "Notes": ("Notas", "Notes"),
    "Length of the meeting in minutes": (
        "Duración de la reunión en minutos",
        "Durée de la séance en minutes",
    ),
    "Optional. If you fill it in, the phases must add up to it.": (
        "Opcional. Si lo completas, las fases deben sumar esa cifra.",
        "Facultatif. Si vous le remplissez, les phases doivent totaliser cette durée.",
    ),
    "Phases": ("Fases", "Phases"),
    "Meeting agenda": ("Orden del día de la reunión", "Déroulé de la séance"),
    "The phases of a meeting with their minutes; the page shows the times and the total.": (
        "Las fases de una reunión con sus minutos; la página muestra los tiempos y el total.",
        "Les phases d'une séance avec leurs minutes ; la page affiche les horaires et le total.",
    ),
    "The phases add up to %(total)d minute; keep a meeting under %(max)d.": (
        (
            "Las fases suman %(total)d minuto; una reunión debe durar menos de %(max)d.",
            "Las fases suman %(total)d minutos; una reunión debe durar menos de %(max)d.",
        ),
        (
            "Les phases totalisent %(total)d minute ; une séance doit rester sous %(max)d.",
            "Les phases totalisent %(total)d minutes ; une séance doit rester sous %(max)d.",
        ),
    ),
    "The phases add up to %(total)d minute, not %(planned)d. Change a phase or this length.": (
        (
            "Las fases suman %(total)d minuto, no %(planned)d. Cambia una fase o esta duración.",
            "Las fases suman %(total)d minutos, no %(planned)d. Cambia una fase o esta duración.",
        ),
        (
            "Les phases totalisent %(total)d minute, et non %(planned)d. Modifiez une phase ou cette durée.",
            "Les phases totalisent %(total)d minutes, et non %(planned)d. Modifiez une phase ou cette durée.",
        ),
    ),
    "Activity": ("Actividad", "Activité"),
    "Note": ("Nota", "Note"),
    "Optional: when or how to use the activity here.": (
        "Opcional: cuándo o cómo usar aquí la actividad.",
        "Facultatif : quand ou comment utiliser l'activité ici.",
    ),
    "A card for an activity from the library, with an optional note on how to use it here.": (
        "Una ficha de una actividad de la biblioteca, con una nota opcional sobre cómo usarla aquí.",
        "Une fiche d'activité de la bibliothèque, avec une note facultative sur son usage ici.",
    ),
    "Editors only: the activity chosen here is not published (or was deleted), so visitors see nothing in its place.": (
        "Solo para el equipo editorial: la actividad elegida no está publicada (o se borró), así que el público no ve nada aquí.",
        "Réservé à l'équipe éditoriale : l'activité choisie n'est pas publiée (ou a été supprimée), le public ne voit donc rien ici.",
    ),
    "Time": ("Hora", "Horaire"),
    "Total": ("Total", "Total"),
    "%(minutes)s minute": (
        ("%(minutes)s minuto", "%(minutes)s minutos"),
        ("%(minutes)s minute", "%(minutes)s minutes"),
    ),
    "Watch “%(title)s” on %(provider)s": (
        "Ver «%(title)s» en %(provider)s",
        "Regarder « %(title)s » sur %(provider)s",
    ),
    "Video: “%(title)s” (opens %(provider)s)": (
        "Vídeo: «%(title)s» (abre %(provider)s)",
        "Vidéo : « %(title)s » (ouvre %(provider)s)",
    ),
    # Links that other apps add to the site-wide navigation.
    "Forum": ("Foro", "Forum"),
    "Planner": ("Planificador", "Planificateur"),
}


def fill(language_index, code):
    path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po[:] = [entry for entry in po if not entry.obsolete]
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
