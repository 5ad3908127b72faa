"""Demo content for the guides: the handbook's sections, an index page per
language and ten guides (one with two chapters), written for this site.

Four guides are translated into Spanish and one into French through
wagtail-localize (home.translation.translate), so an editor can open and
continue those translations in the admin; the rest are English only, and the
Spanish and French indexes point to them.

Idempotent and deterministic: everything is looked up before it is made,
block ids are uuid5 values, and nothing that exists is saved again.
"""

import datetime
import html
import uuid

from django.apps import apps
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.models import HomePage
from home.translation import translate

from .models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection
from .workflows import assign_guide_review


def T(en, es=None, fr=None):
    """A text written side by side in the languages it has."""
    text = {"en": en}
    if es:
        text["es"] = es
    if fr:
        text["fr"] = fr
    return text


INDEX = {
    "slug": T("guides", "guias", "guides"),
    "title": T("Guides", "Guías", "Guides"),
    "intro": T(
        "A handbook for facilitating learning circles, from choosing a course to the last meeting. "
        "Read it in order or go straight to what you need this week.",
        "Un manual para facilitar círculos de aprendizaje, desde elegir un curso hasta la última reunión. "
        "Léelo en orden o ve directamente a lo que necesitas esta semana.",
        "Un manuel pour animer des cercles d'apprentissage, du choix d'un cours à la dernière séance. "
        "Lisez-le dans l'ordre ou allez droit à ce qu'il vous faut cette semaine.",
    ),
}

SECTIONS = [
    (
        "getting-started",
        T("Getting started", "Primeros pasos", "Premiers pas"),
        T(
            "What a learning circle is, who facilitates it and where circles have worked.",
            "Qué es un círculo de aprendizaje, quién lo facilita y dónde han funcionado.",
            "Ce qu'est un cercle d'apprentissage, qui l'anime et où les cercles ont fait leurs preuves.",
        ),
    ),
    (
        "planning",
        T("Planning a circle", "Preparar un círculo", "Préparer un cercle"),
        T(
            "Choosing a course, thinking about who will join, and preparing the first meeting.",
            "Elegir un curso, pensar en quién participará y preparar la primera reunión.",
            "Choisir un cours, penser à qui viendra et préparer la première séance.",
        ),
    ),
    (
        "running-meetings",
        T("Running meetings", "Conducir las reuniones", "Animer les séances"),
        T(
            "The shape of a meeting and the routines that open and close it.",
            "La forma de una reunión y las rutinas que la abren y la cierran.",
            "La forme d'une séance et les rituels qui l'ouvrent et la ferment.",
        ),
    ),
    (
        "after",
        T("After the circle", "Después del círculo", "Après le cercle"),
        T(
            "Ending well and learning from the run.",
            "Terminar bien y aprender de la experiencia.",
            "Bien finir et tirer les leçons de l'expérience.",
        ),
    ),
]

# Activities the activities app may have made (looked up by slug, then by title).
ACTIVITIES = {
    "define": (["define-a-learning-circle"], ["What is a learning circle to us?"]),
    "think-pair-share": (["think-pair-share"], ["Think-pair-share"]),
    "study-pairs": (["study-pairs", "think-pair-share"], ["Study pairs"]),
    "goal-setting": (["goal-setting", "group-norms"], ["Goal setting"]),
    "check-in": (
        ["open-ended-question-round", "group-introductions", "one-word-response"],
        ["Open-ended questions", "Group introductions"],
    ),
    "plus-delta": (["plus-delta"], ["Plus/delta"]),
    "give-thanks": (["give-thanks", "hopes-and-fears"], ["Give thanks", "Hopes and fears"]),
}

GUIDES = [
    {
        "slug": T(
            "what-is-a-learning-circle",
            "que-es-un-circulo-de-aprendizaje",
            "qu-est-ce-qu-un-cercle-d-apprentissage",
        ),
        "section": "getting-started",
        "title": T(
            "What is a learning circle?",
            "¿Qué es un círculo de aprendizaje?",
            "Qu'est-ce qu'un cercle d'apprentissage ?",
        ),
        "summary": T(
            "A small group that meets regularly to learn one topic together, with nobody acting as the teacher. "
            "What makes a circle, and what does not.",
            "Un grupo pequeño que se reúne con regularidad para aprender un tema en conjunto, sin que nadie haga "
            "de profesor. Qué hace que algo sea un círculo y qué no.",
            "Un petit groupe qui se retrouve régulièrement pour apprendre un sujet ensemble, sans que personne "
            "joue le rôle d'enseignant. Ce qui fait un cercle, et ce qui n'en est pas un.",
        ),
        "reviewed": datetime.date(2026, 9, 14),
        "related": ["the-facilitators-role", "meeting-structure"],
        "body": [
            (
                "heading",
                T(
                    "A group that learns together",
                    "Un grupo que aprende en conjunto",
                    "Un groupe qui apprend ensemble",
                ),
            ),
            (
                "paragraph",
                [
                    T(
                        "A learning circle is a handful of people who meet on a fixed schedule to study one topic "
                        "together. Most circles meet once a week for six to eight weeks, about ninety minutes at a "
                        "time, and use a free online course as their shared material.",
                        "Un círculo de aprendizaje es un puñado de personas que se reúnen en un horario fijo para "
                        "estudiar un tema juntas. La mayoría se reúne una vez por semana durante seis a ocho semanas, "
                        "unos noventa minutos cada vez, y usa un curso en línea gratuito como material común.",
                        "Un cercle d'apprentissage, c'est une poignée de personnes qui se retrouvent à heure fixe pour "
                        "étudier un sujet ensemble. La plupart des cercles se réunissent une fois par semaine pendant "
                        "six à huit semaines, environ quatre-vingt-dix minutes à chaque fois, autour d'un cours en "
                        "ligne gratuit.",
                    ),
                    T(
                        "Nobody stands at the front. One person facilitates: they book the room, watch the clock and "
                        "make sure everyone gets a turn. The learning comes from the course and from the people around "
                        "the table.",
                        "Nadie se pone al frente. Una persona facilita: reserva la sala, controla el tiempo y se "
                        "asegura de que todos tengan su turno. El aprendizaje viene del curso y de las personas "
                        "sentadas a la mesa.",
                        "Personne ne se tient devant la classe. Une personne anime : elle réserve la salle, surveille "
                        "l'heure et veille à ce que chacun ait son tour. L'apprentissage vient du cours et des "
                        "personnes autour de la table.",
                    ),
                ],
            ),
            ("heading", T("Core values", "Valores esenciales", "Valeurs essentielles")),
            (
                "list",
                [
                    T(
                        "Free: joining costs nothing, and neither do the materials.",
                        "Gratuito: participar no cuesta nada, y los materiales tampoco.",
                        "Gratuit : participer ne coûte rien, le matériel non plus.",
                    ),
                    T(
                        "Peer-led: learners help each other instead of waiting for an expert.",
                        "Entre pares: los participantes se ayudan en lugar de esperar a un experto.",
                        "Entre pairs : les participants s'entraident au lieu d'attendre un expert.",
                    ),
                    T(
                        "Non-hierarchical: the facilitator belongs to the group and is not its boss.",
                        "Sin jerarquías: quien facilita forma parte del grupo y no es su jefe.",
                        "Sans hiérarchie : la personne qui anime fait partie du groupe, elle n'en est pas la cheffe.",
                    ),
                    T(
                        "Inclusive: anyone who wants to learn the topic is welcome.",
                        "Inclusivo: cualquier persona que quiera aprender el tema es bienvenida.",
                        "Inclusif : toute personne qui veut apprendre le sujet est la bienvenue.",
                    ),
                    T(
                        "Driven by interest: people come because the subject matters to them.",
                        "Movido por el interés: la gente viene porque el tema le importa.",
                        "Porté par l'intérêt : on vient parce que le sujet compte pour soi.",
                    ),
                ],
            ),
            (
                "callout",
                {
                    "kind": "watch_out",
                    "title": T(
                        "What a circle is not", "Lo que un círculo no es", "Ce qu'un cercle n'est pas"
                    ),
                    "text": [
                        T(
                            "It is not a class with a teacher, an exam you pass or fail, or a lecture to sit through. "
                            "If one person does most of the talking, the circle has drifted away from the method.",
                            "No es una clase con profesor, ni un examen que se aprueba o se suspende, ni una charla "
                            "que hay que aguantar. Si una sola persona habla casi todo el tiempo, el círculo se ha "
                            "alejado del método.",
                            "Ce n'est pas un cours avec un enseignant, ni un examen qu'on réussit ou qu'on rate, ni "
                            "une conférence à subir. Si une seule personne parle presque tout le temps, le cercle "
                            "s'est éloigné de la méthode.",
                        )
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": T(
                        "Bring your curiosity. The group brings the rest.",
                        "Trae tu curiosidad. El grupo pone el resto.",
                        "Apportez votre curiosité. Le groupe apporte le reste.",
                    ),
                    "attribution": T(
                        "The Circle Commons handbook",
                        "El manual de Circle Commons",
                        "Le manuel de Circle Commons",
                    ),
                },
            ),
            (
                "heading",
                T("Define it with your group", "Defínanlo en grupo", "Définissez-le avec votre groupe"),
            ),
            (
                "paragraph",
                [
                    T(
                        "Past these values, every circle is a little different. At a first meeting, ask each person "
                        "to finish the sentence “a learning circle is…”, compare the answers and keep the ones the "
                        "whole group agrees with.",
                        "Más allá de estos valores, cada círculo es un poco distinto. En la primera reunión, pide a "
                        "cada persona que complete la frase «un círculo de aprendizaje es…», comparen las respuestas "
                        "y quédense con las que todo el grupo comparte.",
                        "Au-delà de ces valeurs, chaque cercle est un peu différent. À la première séance, demandez à "
                        "chacun de compléter la phrase « un cercle d'apprentissage, c'est… », comparez les réponses "
                        "et gardez celles sur lesquelles tout le groupe s'accorde.",
                    )
                ],
            ),
            (
                "activity",
                {
                    "activity": "define",
                    "note": T(
                        "The same exercise, step by step, for a first meeting or a team of colleagues.",
                        "El mismo ejercicio, paso a paso, para una primera reunión o un equipo de colegas.",
                        "Le même exercice, pas à pas, pour une première séance ou une équipe de collègues.",
                    ),
                },
            ),
            (
                "faq",
                {
                    "title": T("Questions people ask", "Preguntas frecuentes", "Questions fréquentes"),
                    "questions": [
                        (
                            T(
                                "How big is a circle?",
                                "¿De qué tamaño es un círculo?",
                                "Quelle taille pour un cercle ?",
                            ),
                            [
                                T(
                                    "Four to twelve learners works well. Smaller groups feel thin when someone misses "
                                    "a week; larger ones should split up for discussions.",
                                    "Entre cuatro y doce participantes funciona bien. Los grupos más pequeños se "
                                    "quedan cortos cuando alguien falta; los más grandes conviene dividirlos para "
                                    "conversar.",
                                    "De quatre à douze participants, cela fonctionne bien. Un groupe plus petit "
                                    "s'essouffle quand quelqu'un manque une semaine ; un groupe plus grand gagne à "
                                    "se diviser pour les discussions.",
                                )
                            ],
                        ),
                        (
                            T(
                                "Do we have to meet in person?",
                                "¿Hay que reunirse en persona?",
                                "Faut-il se réunir en personne ?",
                            ),
                            [
                                T(
                                    "No. Many circles meet in a library, but a video call works too. Online, keep the "
                                    "group to about twelve so everyone can still speak.",
                                    "No. Muchos círculos se reúnen en una biblioteca, pero una videollamada también "
                                    "sirve. En línea, limita el grupo a unas doce personas para que todas puedan "
                                    "hablar.",
                                    "Non. Beaucoup de cercles se retrouvent en bibliothèque, mais un appel vidéo "
                                    "marche aussi. En ligne, limitez le groupe à une douzaine de personnes pour que "
                                    "chacun puisse parler.",
                                )
                            ],
                        ),
                        (
                            T("Who can start one?", "¿Quién puede empezar uno?", "Qui peut en lancer un ?"),
                            [
                                T(
                                    "Anyone willing to keep a group on track. You do not need to be an expert in "
                                    "the topic.",
                                    "Cualquier persona dispuesta a mantener el rumbo de un grupo. No hace falta ser "
                                    "experta en el tema.",
                                    "Toute personne prête à garder le groupe sur les rails. Pas besoin d'être "
                                    "experte du sujet.",
                                )
                            ],
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "slug": T("the-facilitators-role", "el-papel-de-quien-facilita"),
        "section": "getting-started",
        "title": T("The facilitator's role", "El papel de quien facilita"),
        "summary": T(
            "You do not need to be an expert to facilitate. Your job is to keep the group on track and make room "
            "for everyone.",
            "No hace falta ser experto para facilitar. Tu trabajo es mantener el rumbo del grupo y dejar espacio "
            "a todos.",
        ),
        "reviewed": datetime.date(2026, 8, 3),
        "related": ["what-is-a-learning-circle", "running-a-check-in"],
        "body": [
            ("heading", T("Not an expert, on purpose", "No es experto, y a propósito")),
            (
                "paragraph",
                [
                    T(
                        "A facilitator does not teach the subject, and it often helps if they are not an expert in "
                        "it. When the person guiding the meeting is learning too, nobody waits for the right answer "
                        "to come from one chair. Questions go back to the group and to the course.",
                        "Quien facilita no enseña la materia, y a menudo ayuda que no sea experto en ella. Cuando la "
                        "persona que guía la reunión también está aprendiendo, nadie espera que la respuesta correcta "
                        "venga de una sola silla. Las preguntas vuelven al grupo y al curso.",
                    )
                ],
            ),
            ("heading", T("What you do in each meeting", "Lo que haces en cada reunión")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Open the room and welcome people", "Abre la sala y da la bienvenida"),
                            T(
                                "Arrive a little early so the space is ready when the first learner walks in.",
                                "Llega un poco antes para que el espacio esté listo cuando entre la primera persona.",
                            ),
                        ),
                        (
                            T("Keep time", "Controla el tiempo"),
                            T(
                                "Follow the agenda and say when it is time to move on.",
                                "Sigue la agenda y avisa cuando toca pasar a lo siguiente.",
                            ),
                        ),
                        (
                            T("Share the air", "Reparte la palabra"),
                            T(
                                "Invite quiet people in, and gently hold back those who speak a lot.",
                                "Invita a participar a quienes hablan poco y frena con tacto a quienes hablan mucho.",
                            ),
                        ),
                        (
                            T("Hand questions back", "Devuelve las preguntas"),
                            T(
                                "When someone asks you for the answer, ask the group what they think first.",
                                "Cuando alguien te pida la respuesta, pregunta primero qué piensa el grupo.",
                            ),
                        ),
                        (
                            T("Close the meeting", "Cierra la reunión"),
                            T(
                                "Run a short reflection and remind everyone what comes next week.",
                                "Haz una reflexión breve y recuerda a todos lo que viene la semana próxima.",
                            ),
                        ),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Say it early", "Dilo desde el principio"),
                    "text": [
                        T(
                            "At the first meeting, tell the group plainly that you are not the teacher. People relax "
                            "once they know everyone is learning together.",
                            "En la primera reunión, di con claridad que no eres el profesor. La gente se relaja "
                            "cuando sabe que todos están aprendiendo juntos.",
                        )
                    ],
                },
            ),
            ("heading", T("What you do not have to do", "Lo que no tienes que hacer")),
            (
                "list",
                [
                    T("Know every answer.", "Saber todas las respuestas."),
                    T("Mark work or hand out grades.", "Corregir trabajos ni poner notas."),
                    T("Prepare lectures.", "Preparar clases magistrales."),
                ],
            ),
            (
                "callout",
                {
                    "kind": "example",
                    "title": T("A typical moment", "Un momento típico"),
                    "text": [
                        T(
                            "A learner asks what a spreadsheet formula means. Instead of explaining it, the "
                            "facilitator asks who has tried it, and two people work it out at the screen together.",
                            "Una participante pregunta qué significa una fórmula de la hoja de cálculo. En lugar de "
                            "explicarla, quien facilita pregunta quién la ha probado, y dos personas la resuelven "
                            "juntas frente a la pantalla.",
                        )
                    ],
                },
            ),
            (
                "faq",
                {
                    "title": None,
                    "questions": [
                        (
                            T("What if nobody knows the answer?", "¿Y si nadie sabe la respuesta?"),
                            [
                                T(
                                    "Write the question down, look for it in the course or on the forum, and bring "
                                    "back what you found next week. Not knowing is normal in a circle.",
                                    "Anota la pregunta, búscala en el curso o en el foro y trae lo que encuentres la "
                                    "semana siguiente. No saber es normal en un círculo.",
                                )
                            ],
                        )
                    ],
                },
            ),
        ],
    },
    {
        "slug": T("running-circles-in-a-public-library"),
        "section": "getting-started",
        "title": T("Running circles in a public library"),
        "summary": T(
            "What a 2015 pilot with a city library system found: 17 circles in 11 branches, and far more learners "
            "staying to the end than in online courses."
        ),
        "reviewed": datetime.date(2026, 6, 22),
        "related": ["choosing-an-online-course", "first-meeting-checklist"],
        "body": [
            ("heading", T("The pilot")),
            (
                "paragraph",
                [
                    T(
                        "In 2015 a city public library system tried learning circles in 11 of its branches. "
                        "Librarians ran 17 circles on subjects such as building web pages with HTML and CSS, public "
                        "speaking and preparing for a nursing licence exam, each one built around a free online "
                        "course."
                    ),
                    T(
                        "The circles ran for six to eight weeks with between 2 and 15 learners each. The librarians "
                        "who facilitated them were not experts in any of the subjects."
                    ),
                ],
            ),
            ("heading", T("What happened")),
            (
                "list",
                [
                    T(
                        "45% of learners were still taking part after six weeks. By comparison, only about 5% of "
                        "people who start an online course on their own finish it."
                    ),
                    T("65% of the learners had never taken an online course before."),
                    T("90% said they wanted to join another circle."),
                    T("Every librarian who facilitated wanted to keep going the following year."),
                ],
            ),
            (
                "callout",
                {
                    "kind": "example",
                    "title": T("Why the library works"),
                    "text": [
                        T(
                            "A library is free, familiar and already has computers and wifi. People who would never "
                            "start an online course alone will come to a room they know, at a set time, with their "
                            "neighbours."
                        )
                    ],
                },
            ),
            ("heading", T("Starting in your branch")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Pick a course and a time slot"),
                            T(
                                "Choose a free course with a clear weekly rhythm, at a time regular visitors can make."
                            ),
                        ),
                        (
                            T("Book the room for the whole run"),
                            T("Reserve the same room at the same time for six to eight weeks."),
                        ),
                        (
                            T("Promote it where people already are"),
                            T(
                                "Posters at the desk, the library newsletter, and staff mentioning it to visitors."
                            ),
                        ),
                        (
                            T("Plan the first meeting"),
                            T("Work through the first-meeting checklist in this handbook."),
                        ),
                    ],
                },
            ),
            (
                "faq",
                {
                    "title": None,
                    "questions": [
                        (
                            T("Do staff need special training?"),
                            [
                                T(
                                    "A short introduction to the method and one circle of practice go a long way. "
                                    "The pilot's facilitators were librarians, not subject experts."
                                )
                            ],
                        )
                    ],
                },
            ),
        ],
    },
    {
        "slug": T("choosing-an-online-course"),
        "section": "planning",
        "title": T("Choosing an online course"),
        "summary": T(
            "The course is the circle's shared material. Pick one that is free, comes in weekly pieces and suits "
            "the group's level."
        ),
        "reviewed": datetime.date(2026, 7, 6),
        "related": ["group-composition-and-mixed-experience", "running-circles-in-a-public-library"],
        "body": [
            ("heading", T("What makes a good course for a circle")),
            (
                "list",
                [
                    T("Free and open: nobody should have to pay or wait for approval to join."),
                    T("Split into weekly pieces that fit between meetings."),
                    T("Clear about what learners need to know before they start."),
                    T("Usable on the library's computers and on a phone."),
                    T("Active: exercises or small projects, not only videos to watch."),
                ],
            ),
            (
                "callout",
                {
                    "kind": "watch_out",
                    "title": T("Check the prerequisites"),
                    "text": [
                        T(
                            "If a course expects skills such as basic computer use or some algebra, say so on the "
                            "sign-up page, so people can choose with their eyes open."
                        )
                    ],
                },
            ),
            ("heading", T("Try it before you commit")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Do the first week yourself"),
                            T(
                                "You will find broken links, missing subtitles and confusing instructions before the group does."
                            ),
                        ),
                        (
                            T("Count the hours"),
                            T(
                                "If one week of the course takes far longer than the time between meetings, choose "
                                "something lighter or spread each week over two meetings."
                            ),
                        ),
                        (
                            T("Map it to your meetings"),
                            T("Write down which part of the course the group will cover each week."),
                        ),
                    ],
                },
            ),
            (
                "paragraph",
                [
                    T(
                        "A mix of formats keeps a group engaged: reading, videos, and short activities during the "
                        "meeting that put the material to use."
                    )
                ],
            ),
        ],
    },
    {
        "slug": T("group-composition-and-mixed-experience"),
        "section": "planning",
        "title": T("Group composition and mixed experience"),
        "summary": T(
            "Most circles mix beginners with people who know a bit more. Ask early, pair people up, and say what "
            "the course expects at sign-up."
        ),
        "reviewed": datetime.date(2026, 5, 18),
        "related": ["choosing-an-online-course", "first-meeting-checklist"],
        "body": [
            ("heading", T("Is there a perfect mix?")),
            (
                "paragraph",
                [
                    T(
                        "Nobody has found an ideal ratio of experienced to new learners. A smaller gap in experience "
                        "is easier to manage, but a circle with a wide spread can still work very well when the "
                        "group talks about it openly."
                    )
                ],
            ),
            ("heading", T("At the first meeting")),
            (
                "paragraph",
                [
                    T(
                        "Ask each person how much they already know about the topic and what they hope to get out "
                        "of the circle. Write the answers where everyone can see them."
                    )
                ],
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Let the group decide"),
                    "text": [
                        T(
                            "If experience varies a lot, ask the learners how they imagine helping each other "
                            "instead of deciding for them."
                        )
                    ],
                },
            ),
            ("heading", T("Options that work")),
            (
                "list",
                [
                    T(
                        "Study pairs: match someone who finds the material hard with someone a few steps ahead."
                    ),
                    T(
                        "Two tracks: split into a beginners' group and an advanced group for part of the meeting."
                    ),
                    T(
                        "Breakout groups: once the circle has eight or more people, discuss in smaller groups."
                    ),
                    T(
                        "Another course first: some learners may choose a more basic course and come back later."
                    ),
                ],
            ),
            (
                "activity",
                {
                    "activity": "study-pairs",
                    "note": T("Pairs give quieter learners a safe first audience."),
                },
            ),
            (
                "callout",
                {
                    "kind": "watch_out",
                    "title": T("State the basics at sign-up"),
                    "text": [
                        T(
                            "If the course needs a certain level, such as basic digital skills for a programming "
                            "course, put it on the sign-up form and point people below it to classes that can get "
                            "them there."
                        )
                    ],
                },
            ),
        ],
    },
    {
        "slug": T("first-meeting-checklist"),
        "section": "planning",
        "title": T("First-meeting checklist"),
        "summary": T("What to prepare and what to do in the first meeting, from the room to personal goals."),
        "reviewed": datetime.date(2026, 9, 1),
        "related": ["meeting-structure", "running-a-check-in"],
        "body": [
            ("heading", T("Before the day")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Confirm the room and the equipment"),
                            T("Check the computers, the projector, the power sockets and the wifi password."),
                        ),
                        (
                            T("Send a reminder"),
                            T(
                                "Tell learners the time and place, and what to bring, such as a library card or a laptop."
                            ),
                        ),
                        (T("Do the first week of the course yourself"), None),
                        (T("Print a sign-in sheet and name tags"), None),
                    ],
                },
            ),
            ("heading", T("During the meeting")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Welcome people and introduce yourself as the facilitator, not the teacher"),
                            None,
                        ),
                        (T("Use introductions as the check-in"), None),
                        (
                            T("Agree on group norms"),
                            T(
                                "For example: respect whoever is speaking, speak from your own experience, step up "
                                "and step back, and keep personal stories in the room."
                            ),
                        ),
                        (
                            T("Ask about experience and goals"),
                            T(
                                "Each learner writes down one goal for the circle, to look at again in the last week."
                            ),
                        ),
                        (
                            T("Open the course together"),
                            T("Make sure everyone can sign in before they leave."),
                        ),
                        (T("Close with a plus/delta"), None),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Leave time for accounts"),
                    "text": [
                        T(
                            "Creating course accounts always takes longer than planned. Allow fifteen minutes for it."
                        )
                    ],
                },
            ),
            (
                "activity",
                {"activity": "goal-setting", "note": T("A structured way to write and share first goals.")},
            ),
            (
                "faq",
                {
                    "title": None,
                    "questions": [
                        (
                            T("What if only two people come?"),
                            [
                                T(
                                    "Hold the meeting anyway. Small circles can work well, and numbers often grow in "
                                    "the second week as word gets around."
                                )
                            ],
                        )
                    ],
                },
            ),
        ],
    },
    {
        "slug": T("meeting-structure", "estructura-de-una-reunion"),
        "section": "running-meetings",
        "title": T("Meeting structure", "Estructura de una reunión"),
        "summary": T(
            "Every meeting has three parts: a check-in, time to learn and a reflection. How to fit them into "
            "ninety minutes.",
            "Cada reunión tiene tres partes: una ronda de inicio, tiempo para aprender y una reflexión. Cómo "
            "encajarlas en noventa minutos.",
        ),
        "reviewed": datetime.date(2026, 10, 5),
        "related": ["running-a-check-in", "plus-delta-reflection", "first-meeting-checklist"],
        "body": [
            ("heading", T("Three parts, every week", "Tres partes, cada semana")),
            (
                "paragraph",
                [
                    T(
                        "Circles start and finish together. A steady shape lets learners relax, because they know "
                        "what is coming, and gives the facilitator a plan that is easy to follow.",
                        "Los círculos empiezan y terminan en grupo. Una forma estable permite que los participantes "
                        "se relajen, porque saben lo que viene, y da a quien facilita un plan fácil de seguir.",
                    )
                ],
            ),
            (
                "list",
                [
                    T(
                        "Check-in: warm up, reconnect and recap last week.",
                        "Ronda de inicio: entrar en calor, reencontrarse y repasar la semana anterior.",
                    ),
                    T(
                        "Learning: coursework, plus an activity that puts it to use.",
                        "Aprendizaje: el trabajo del curso y una actividad que lo pone en práctica.",
                    ),
                    T(
                        "Reflection: look back at the meeting and decide what to change.",
                        "Reflexión: mirar atrás y decidir qué cambiar.",
                    ),
                ],
            ),
            ("heading", T("A 90-minute meeting", "Una reunión de 90 minutos")),
            (
                "agenda",
                {
                    "title": T(
                        "Typical timings for a 90-minute meeting",
                        "Tiempos habituales para una reunión de 90 minutos",
                    ),
                    "planned": 90,
                    "phases": [
                        (
                            T("Check-in", "Ronda de inicio"),
                            10,
                            T("Everyone speaks briefly.", "Todos hablan brevemente."),
                        ),
                        (
                            T("Activity", "Actividad"),
                            15,
                            T(
                                "A short exercise linked to this week's material.",
                                "Un ejercicio breve ligado al material de la semana.",
                            ),
                        ),
                        (
                            T("Coursework", "Trabajo del curso"),
                            50,
                            T(
                                "Alone, in pairs or all together.",
                                "A solas, en parejas o todos juntos.",
                            ),
                        ),
                        (
                            T("Break", "Pausa"),
                            5,
                            T("Stretch, refill, chat.", "Estirarse, servirse algo, charlar."),
                        ),
                        (
                            T("Plus/delta", "Más/delta"),
                            10,
                            T("What went well and what to change.", "Qué salió bien y qué cambiar."),
                        ),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Protect both ends", "Protege el principio y el final"),
                    "text": [
                        T(
                            "When time runs short, cut from the middle. The check-in and the reflection are what "
                            "turn a study session into a circle.",
                            "Cuando falte tiempo, recorta del medio. La ronda de inicio y la reflexión son lo que "
                            "convierte una sesión de estudio en un círculo.",
                        )
                    ],
                },
            ),
            ("heading", T("Learning formats", "Formatos de aprendizaje")),
            (
                "paragraph",
                [
                    T(
                        "Mix ways of working so different learners get what they need: reading an article, watching "
                        "a video together, trying an exercise or talking in pairs. Some topics suggest their own "
                        "activities: in a public speaking circle, people can take turns giving a short talk.",
                        "Combina formas de trabajo para que cada persona encuentre lo que necesita: leer un artículo, "
                        "ver un video juntos, probar un ejercicio o conversar en parejas. Algunos temas sugieren sus "
                        "propias actividades: en un círculo de oratoria, cada persona puede dar por turnos una charla "
                        "breve.",
                    )
                ],
            ),
            (
                "activity",
                {
                    "activity": "think-pair-share",
                    "note": T(
                        "A quick way to turn reading into discussion.",
                        "Una forma rápida de convertir la lectura en conversación.",
                    ),
                },
            ),
        ],
    },
    {
        "slug": T("running-a-check-in", "como-hacer-la-ronda-de-inicio"),
        "parent": "meeting-structure",
        "title": T("Running a check-in", "Cómo hacer la ronda de inicio"),
        "summary": T(
            "The first ten minutes set the tone. A good check-in gives everyone a voice and links last week to this "
            "one.",
            "Los primeros diez minutos marcan el tono. Una buena ronda de inicio da voz a todos y conecta la semana "
            "pasada con esta.",
        ),
        "reviewed": datetime.date(2026, 10, 5),
        "related": ["plus-delta-reflection", "the-facilitators-role"],
        "body": [
            ("heading", T("What a check-in is for", "Para qué sirve la ronda de inicio")),
            (
                "list",
                [
                    T(
                        "Give every person a chance to speak and be heard.",
                        "Dar a cada persona la oportunidad de hablar y ser escuchada.",
                    ),
                    T(
                        "Remind the group what happened last week.",
                        "Recordar al grupo lo que pasó la semana anterior.",
                    ),
                    T(
                        "Bring shared interests and experiences to light.",
                        "Sacar a la luz intereses y experiencias comunes.",
                    ),
                    T(
                        "Show how taking part works in this circle.",
                        "Mostrar cómo se participa en este círculo.",
                    ),
                ],
            ),
            ("heading", T("How to run one", "Cómo hacerla")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Ask one open question", "Haz una sola pregunta abierta"),
                            T(
                                "For example: what is one thing you tried since we last met?",
                                "Por ejemplo: ¿qué es algo que probaste desde la última reunión?",
                            ),
                        ),
                        (
                            T("Go around the circle", "Da la vuelta al círculo"),
                            T(
                                "Everyone answers in a sentence or two. Passing is allowed.",
                                "Cada persona responde en una o dos frases. Se vale pasar.",
                            ),
                        ),
                        (
                            T("Recap the plan", "Repasa el plan"),
                            T(
                                "Say what the group will do today and for how long.",
                                "Di qué hará el grupo hoy y durante cuánto tiempo.",
                            ),
                        ),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Keep it short", "Que sea breve"),
                    "text": [
                        T(
                            "With ten people and a minute each, the check-in already takes ten minutes. Ask for short "
                            "answers.",
                            "Con diez personas y un minuto cada una, la ronda ya dura diez minutos. Pide respuestas "
                            "breves.",
                        )
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "example",
                    "title": T("Questions that work", "Preguntas que funcionan"),
                    "text": [
                        T(
                            "What is something new you learned this week, in the course or outside it?",
                            "¿Qué aprendiste de nuevo esta semana, en el curso o fuera de él?",
                        ),
                        T(
                            "In one word, how are you arriving today?",
                            "En una palabra, ¿cómo llegas hoy?",
                        ),
                    ],
                },
            ),
            (
                "activity",
                {
                    "activity": "check-in",
                    "note": T(
                        "Works well from the second meeting on.",
                        "Funciona bien a partir de la segunda reunión.",
                    ),
                },
            ),
        ],
    },
    {
        "slug": T("plus-delta-reflection"),
        "parent": "meeting-structure",
        "title": T("The plus/delta reflection"),
        "summary": T(
            "Close each meeting by asking what went well and what to change. It takes five to ten minutes and makes "
            "every following meeting better."
        ),
        "reviewed": datetime.date(2026, 10, 5),
        "related": ["running-a-check-in", "wrapping-up-a-circle"],
        "body": [
            ("heading", T("How it works")),
            (
                "paragraph",
                [
                    T(
                        "At the end of the meeting each person names a plus, something that went well, and a delta, "
                        "something they would change next time. The facilitator writes both lists where everyone can "
                        "see them."
                    )
                ],
            ),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Draw two columns"),
                            T(
                                "Mark one with a plus sign and the other with a triangle, the Greek letter delta."
                            ),
                        ),
                        (T("Go around once"), T("Each person offers one plus and one delta.")),
                        (
                            T("Agree on one change"),
                            T("Pick a delta to act on next week and say who will do it."),
                        ),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "watch_out",
                    "title": T("A delta is not a complaint"),
                    "text": [
                        T(
                            "Frame changes as suggestions for the group. More time for questions is easy to act on; "
                            "saying the course is bad is not."
                        )
                    ],
                },
            ),
            (
                "paragraph",
                [
                    T(
                        "A good reflection lets everyone give feedback, celebrates what was learned, helps people "
                        "switch back to the rest of their day and ends the meeting on a hopeful note."
                    )
                ],
            ),
            (
                "faq",
                {
                    "title": None,
                    "questions": [
                        (
                            T("What if nobody has a delta?"),
                            [
                                T(
                                    "Thank the group and ask again next week, or ask something more specific, such "
                                    "as how the pace felt."
                                )
                            ],
                        )
                    ],
                },
            ),
            ("activity", {"activity": "plus-delta", "note": None}),
        ],
    },
    {
        "slug": T("wrapping-up-a-circle"),
        "section": "after",
        "title": T("Wrapping up a circle"),
        "summary": T("The last meeting is for celebrating, looking back and deciding what comes next."),
        "reviewed": datetime.date(2026, 4, 27),
        "related": ["plus-delta-reflection", "running-circles-in-a-public-library"],
        "body": [
            ("heading", T("The last meeting")),
            (
                "steps",
                {
                    "title": None,
                    "steps": [
                        (
                            T("Look back at the goals"),
                            T(
                                "Bring out the goals learners wrote at the first meeting and ask how far each person got."
                            ),
                        ),
                        (
                            T("Celebrate"),
                            T(
                                "Share what people made or learned. A group photo, taken with everyone's consent, marks the moment."
                            ),
                        ),
                        (
                            T("Collect feedback"),
                            T("Ask what to keep and what to change if the circle runs again."),
                        ),
                        (
                            T("Talk about what is next"),
                            T("A follow-up course, another circle or a regular meetup."),
                        ),
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": T("Invite them back"),
                    "text": [
                        T(
                            "People who enjoyed a circle are the best recruits for the next one, and some of them may "
                            "want to facilitate."
                        )
                    ],
                },
            ),
            ("heading", T("After the last meeting")),
            (
                "paragraph",
                [
                    T(
                        "While it is fresh, write down what you learned as a facilitator: attendance each week, what "
                        "worked and what you would change. Share it with colleagues or on the forum."
                    )
                ],
            ),
            (
                "faq",
                {
                    "title": None,
                    "questions": [
                        (
                            T("Some people stopped coming. Did the circle fail?"),
                            [
                                T(
                                    "No. Some drop-off is normal. In the library pilot, 45% of learners were still "
                                    "taking part after six weeks, far more than finish an online course alone."
                                )
                            ],
                        )
                    ],
                },
            ),
            ("activity", {"activity": "give-thanks", "note": T("A warm way to close the final meeting.")}),
        ],
    },
]

# Which guides the demo translates, and into what (a guide's parent first).
TRANSLATIONS = {
    "es": ["what-is-a-learning-circle", "the-facilitators-role", "meeting-structure", "running-a-check-in"]
}
TRANSLATIONS["fr"] = ["what-is-a-learning-circle"]


def demo_id(*parts):
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, "circle-commons-demo:guides:" + ":".join(str(part) for part in parts))
    )


def _html(texts, tag="p"):
    return "".join(f"<{tag}>{escape(text['en'])}</{tag}>" for text in texts)


class BodyBuilder:
    """Turns a guide's body spec into StreamField JSON in English and
    gathers every text in it, for the translations."""

    def __init__(self, slug, activities):
        self.slug = slug
        self.activities = activities
        self.texts = []

    def text(self, value):
        if value is None:
            return ""
        self.texts.append(value)
        return value["en"]

    def rich(self, values, tag="p"):
        values = [value for value in values if value]
        self.texts.extend(values)
        if tag == "li":
            return f"<ul>{_html(values, 'li')}</ul>"
        return _html(values)

    def items(self, position, values):
        return [
            {"type": "item", "value": value, "id": demo_id(self.slug, position, number)}
            for number, value in enumerate(values)
        ]

    def block(self, position, kind, spec):
        if kind == "heading":
            return "heading", {"text": self.text(spec), "level": "h2"}
        if kind == "paragraph":
            return "paragraph", self.rich(spec)
        if kind == "list":
            return "paragraph", self.rich(spec, tag="li")
        if kind == "callout":
            return "callout", {
                "kind": spec["kind"],
                "title": self.text(spec["title"]),
                "text": self.rich(spec["text"]),
            }
        if kind == "quote":
            return "quote", {"quote": self.text(spec["quote"]), "attribution": self.text(spec["attribution"])}
        if kind == "steps":
            steps = [
                {"title": self.text(title), "detail": self.rich([detail])} for title, detail in spec["steps"]
            ]
            return "steps", {"title": self.text(spec["title"]), "steps": self.items(position, steps)}
        if kind == "faq":
            questions = [
                {"question": self.text(question), "answer": self.rich(answer)}
                for question, answer in spec["questions"]
            ]
            return "faq", {"title": self.text(spec["title"]), "questions": self.items(position, questions)}
        if kind == "agenda":
            phases = [
                {"name": self.text(name), "minutes": minutes, "notes": self.text(notes)}
                for name, minutes, notes in spec["phases"]
            ]
            return "agenda", {
                "title": self.text(spec["title"]),
                "planned_minutes": spec["planned"],
                "phases": self.items(position, phases),
            }
        if kind == "activity":
            activity = self.activities.get(spec["activity"])
            if activity is None:
                return None
            return "activity", {"activity": activity.pk, "note": self.text(spec["note"])}
        raise ValueError(f"Unknown block kind {kind!r}")

    def build(self, spec):
        stream = []
        for position, (kind, value) in enumerate(spec):
            built = self.block(position, kind, value)
            if built is not None:
                block_type, block_value = built
                stream.append({"type": block_type, "value": block_value, "id": demo_id(self.slug, position)})
        return stream


def translations_for(texts, code):
    """{source segment: translation} for `translate`. wagtail-localize keeps
    plain-text segments HTML-escaped, so each text is offered both ways."""
    mapping = {}
    for text in texts:
        if text and code in text:
            for key in {text["en"], escape(text["en"]), html.escape(text["en"], quote=False)}:
                mapping[key] = text[code]
    return mapping


def translate_snippet(instance, code, strings):
    """home.translation.translate for a snippet without drafts: the same
    wagtail-localize objects, saved straight away (there is nothing to publish)."""
    locale = Locale.objects.get(language_code=code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=True)
    return translation.get_target_instance()


def find_activities():
    """{key: English ActivityPage} for the activities the demo embeds, when
    the activities app has made them."""
    try:
        ActivityPage = apps.get_model("activities", "ActivityPage")
    except LookupError:
        return {}
    pages = ActivityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    found = {}
    for key, (slugs, titles) in ACTIVITIES.items():
        candidates = [pages.filter(slug=slug) for slug in slugs] + [
            pages.filter(title__iexact=title) for title in titles
        ]
        page = next(
            (match for match in (query.order_by("path").first() for query in candidates) if match), None
        )
        if page is not None:
            found[key] = page
    return found


def seed_sections(locale):
    sections = {}
    for order, (key, title, description) in enumerate(SECTIONS, start=1):
        section, _ = GuideSection.objects.get_or_create(
            translation_key=demo_id("section", key),
            locale=locale,
            defaults={"title": title["en"], "description": description["en"], "sort_order": order},
        )
        sections[key] = section
    return sections


def seed_index(home):
    index = GuideIndexPage.objects.child_of(home).first()
    if index is None:
        index = GuideIndexPage(
            title=INDEX["title"]["en"], slug=INDEX["slug"]["en"], intro=_html([INDEX["intro"]])
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed_guides(index, sections, activities):
    pages = {}
    texts = {}
    for spec in GUIDES:
        slug = spec["slug"]["en"]
        parent = pages[spec["parent"]] if spec.get("parent") else index
        builder = BodyBuilder(slug, activities)
        body = builder.build(spec["body"])
        texts[slug] = [spec["slug"], spec["title"], spec["summary"], *builder.texts]
        page = GuidePage.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = GuidePage(
                title=spec["title"]["en"],
                slug=slug,
                summary=spec["summary"]["en"],
                search_description=spec["summary"]["en"],
                section=sections[spec["section"]] if spec.get("section") else None,
                body=body,
                last_reviewed=spec["reviewed"],
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
        pages[slug] = page
    for spec in GUIDES:
        page = pages[spec["slug"]["en"]]
        if not page.related_links.exists():
            for order, related in enumerate(spec["related"]):
                GuideRelatedLink.objects.create(page=page, guide=pages[related], sort_order=order)
    return pages, texts


def seed_translations(index, sections, pages, texts):
    for code in [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]:
        locale = Locale.objects.get(language_code=code)
        if not index.get_translations().filter(locale=locale).exists():
            translate(index, code, translations_for([INDEX["slug"], INDEX["title"], INDEX["intro"]], code))
        for key, title, description in SECTIONS:
            if not GuideSection.objects.filter(
                translation_key=sections[key].translation_key, locale=locale
            ).exists():
                translate_snippet(sections[key], code, translations_for([title, description], code))
        for slug in TRANSLATIONS.get(code, []):
            if not pages[slug].get_translations().filter(locale=locale).exists():
                translate(pages[slug], code, translations_for(texts[slug], code))


def seed(stdout=None):
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        return
    locale = home.locale
    sections = seed_sections(locale)
    index = seed_index(home)
    pages, texts = seed_guides(index, sections, find_activities())
    seed_translations(index, sections, pages, texts)
    for page in GuideIndexPage.objects.all():
        assign_guide_review(page)
    if stdout is not None:
        stdout.write(
            f"Guides: {GuidePage.objects.filter(locale=locale).count()} in English, "
            f"{GuidePage.objects.filter(locale__language_code='es').count()} in Spanish, "
            f"{GuidePage.objects.filter(locale__language_code='fr').count()} in French."
        )
