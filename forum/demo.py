"""Demo forum content: categories, threads with replies, likes, an accepted
answer, a flag waiting for the moderators, notifications and read markers.

Idempotent and deterministic: every timestamp is derived from DEMO_START,
and each object is looked up before it is created, so running it twice
changes nothing. No e-mail is sent: notifications are created directly.
"""

from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model

from .models import (
    Category,
    CategoryWatch,
    Flag,
    ForumProfile,
    Like,
    ModerationLog,
    Notification,
    Post,
    PostRevision,
    Thread,
    ThreadRead,
)

DEMO_START = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)


def at(days, hours=0, minutes=0):
    return DEMO_START + timedelta(days=days, hours=hours, minutes=minutes)


CATEGORIES = [
    (
        "getting-started",
        "Getting started",
        "New to learning circles or to this site? Ask anything here, however basic it feels.",
        1,
    ),
    (
        "facilitation",
        "Facilitation",
        "The craft of running meetings: check-ins, group dynamics, time, reflection.",
        2,
    ),
    ("activities", "Activities", "Share, adapt and ask about activities from the library.", 3),
    (
        "courses-and-materials",
        "Courses and materials",
        "Free courses, readings and materials that worked (or didn't) for a circle.",
        4,
    ),
    (
        "libraries-and-partners",
        "Libraries and partners",
        "Working with libraries, community centres and other hosts.",
        5,
    ),
    ("site-feedback", "Site feedback", "Ideas and problems with Circle Commons itself.", 6),
]

# Each thread: category, title, tags, options, then its posts in order as
# (author, (days, hours), text). The first post opens the thread.
THREADS = [
    {
        "category": "getting-started",
        "title": "Welcome to the forum: start here",
        "tags": ["welcome"],
        "pinned": True,
        "locked": True,
        "posts": [
            (
                "moderator",
                (0, 0),
                "Welcome! This forum is where people who run learning circles help each other out. "
                "A few pointers before you start:\n\n"
                "- **Getting started** is for first questions, however basic they feel.\n"
                "- **Facilitation** is about running meetings: check-ins, group dynamics, reflection.\n"
                "- **Activities** is for sharing and adapting activities from the library.\n"
                "- Search before you post, and add a tag or two so others can find your thread.\n"
                "- Be kind and speak from your own experience; the code of conduct applies here too.\n\n"
                "If a post looks wrong to you, use **Flag** under it and a moderator will take a look. "
                "This thread is locked, so start a new one with your questions.",
            ),
        ],
    },
    {
        "category": "getting-started",
        "title": "What is a learning circle to you?",
        "tags": ["definitions", "first-meeting"],
        "posts": [
            (
                "facilitator",
                (2, 0),
                "At our last facilitator meetup we tried to define a learning circle in one sentence, and every "
                "table came up with something different. That was rather the point: beyond a few shared values, "
                "each of us shapes it for our own community.\n\n"
                "Some of the sentences people wrote:\n\n"
                "- a free group of peers who meet several times to reach goals they set for themselves and for "
                "the group;\n"
                "- people who get together on purpose to learn something, rather than just to take in "
                "information.\n\n"
                "The values most tables agreed on: it is free, driven by interest, not hierarchical, and open to "
                "everyone. It is *not* pass/fail, and nobody in the room is the teacher.\n\n"
                "So, what is a learning circle to you? Reply with your own sentence, even a rough one. "
                "You can also try the exercise with colleagues first and bring back what they said.",
            ),
            (
                "sam",
                (2, 5),
                "A room where it's fine to say \"I don't know this yet\", and where the next step is working it "
                "out together instead of waiting for someone to explain it. The library part matters to me too: "
                "it's a place people already trust.",
            ),
            (
                "lucia",
                (3, 2),
                "Para mí: un grupo pequeño que se compromete a aprender algo juntos durante unas semanas.\n\n"
                "In English: a small group that commits to learning something together for a few weeks. "
                "The commitment is what makes it different from a one-off workshop.",
            ),
            (
                "editor",
                (4, 1),
                "Mine is more practical: six to eight weekly meetings of about ninety minutes, somewhere between "
                "four and twelve people, and a facilitator whose job is to keep time and keep everyone talking, "
                "not to lecture. When I explain it to branch staff, that sentence does more work than any list "
                "of values.\n\n@facilitator, should we collect these answers on a guide page?",
            ),
            (
                "facilitator",
                (4, 6),
                "@editor yes please! I'll gather the sentences from this thread and from the meetup and send "
                "them to you this week.",
            ),
        ],
        "revision": (
            0,
            (2, 1),
            "At our last facilitator meetup we tried to define a learning circle in one sentence, and every "
            "table came up with something different.\n\n"
            "The values most tables agreed on: it is free, driven by interest, not hierarchical, and open to "
            "everyone. It is *not* pass/fail, and nobody in the room is the teacher.\n\n"
            "So, what is a learning circle to you? Reply with your own sentence, even a rough one.",
        ),
        "likes": [(1, "facilitator"), (1, "lucia"), (2, "sam"), (3, "facilitator"), (3, "sam")],
    },
    {
        "category": "site-feedback",
        "title": "Should the forum have an activities category?",
        "tags": ["forum"],
        "posts": [
            (
                "sam",
                (3, 4),
                "Activities keep coming up in Facilitation threads. Could we have a separate category where "
                "people share and adapt activities from the library?",
            ),
            (
                "editor",
                (3, 8),
                "Good idea, and done: the Activities category is live. Each activity page will also get a "
                '"Discuss this activity" link that leads to its own thread here.',
            ),
            ("sam", (3, 9), "Brilliant, thanks Elena. I'll move my think-pair-share question over there."),
        ],
        "likes": [(1, "sam"), (1, "lucia")],
    },
    {
        "category": "facilitation",
        "title": "How should I mix complete beginners with people who already know the topic?",
        "tags": ["group-composition", "beginners", "first-meeting"],
        "question": True,
        "posts": [
            (
                "sam",
                (5, 0),
                "I'm starting my first circle next month, on an introductory programming course. Sign-ups so far "
                "include two people who have never used a spreadsheet and one who writes code at work.\n\n"
                "Is there an ideal mix of experience? Do I need at least one experienced person in the group, "
                "and what happens if everyone is a beginner?",
            ),
            (
                "lucia",
                (5, 6),
                "I don't think there's a perfect mix. A group of only beginners can work very well, because "
                "nobody feels left behind and they discover things together. The hard case is a very wide gap, "
                "not the absence of experts.",
            ),
            (
                "facilitator",
                (6, 2),
                "I've run three circles with exactly this spread. What helped:\n\n"
                "1. **Say what people need before they sign up.** If the course assumes basic digital literacy "
                "(using a mouse, saving a file, switching browser tabs), put that on the sign-up form and the "
                "flyer. People below that line can take a computer basics class first and join the next round; "
                "point them to one rather than just saying no.\n"
                "2. **Ask at the first meeting.** Have everyone share their experience with the topic and what "
                "they want from the course. Ten minutes, and it tells you more than any form.\n"
                "3. **Pair people up.** Put someone who struggles with someone who is *a few steps ahead*, not "
                "with the most advanced person in the room. The gap is small enough that explaining helps both.\n"
                "4. **Let the group decide the rest.** If the range is still wide, ask the group how they'd like "
                "to help each other: study pairs, or a beginners' table and an advanced table for part of the "
                "session.\n\n"
                "Your coder may turn out to be a great partner for someone a few steps behind, or may get bored: "
                "ask them which they'd prefer.",
            ),
            (
                "sam",
                (6, 7),
                "This is really helpful, thank you. I'm adding the skills line to our sign-up form today, and "
                "I'll try pairs from week two once I know everyone a bit.",
            ),
            (
                "moderator",
                (7, 3),
                "One more thing from the circles I've seen: once a group reaches eight or more people, plan for "
                "breakout groups anyway. It keeps beginners from going quiet in a big room.",
            ),
        ],
        "accepted": 2,
        "likes": [(2, "sam"), (2, "lucia"), (2, "editor"), (2, "moderator"), (1, "sam"), (4, "facilitator")],
    },
    {
        "category": "facilitation",
        "title": "Keeping the check-in short when everyone wants to talk",
        "tags": ["check-in", "time-keeping"],
        "posts": [
            (
                "facilitator",
                (9, 0),
                "My Tuesday group loves the check-in so much that it regularly takes half an hour of our ninety "
                "minutes. I don't want to cut people off, since it clearly does them good, but we never finish "
                "the coursework. How do you keep it to about ten minutes?",
            ),
            (
                "sam",
                (9, 3),
                'I ask a question with a short answer ("one word for how your week went") and go round the '
                "circle once. People can say more at the break.",
            ),
            (
                "editor",
                (9, 9),
                "Put it on the agenda with a time next to it, and ask someone in the group to keep time. A clock "
                "held by a peer is easier to respect than a facilitator who interrupts.",
            ),
            (
                "facilitator",
                (16, 2),
                "Tried the one-word round plus a volunteer timekeeper this week: twelve minutes. Nobody seemed "
                "to mind and we got through the whole unit. Thanks, both!",
            ),
        ],
        "likes": [(2, "facilitator"), (1, "facilitator"), (3, "sam")],
    },
    {
        "category": "facilitation",
        "title": "When should we split into breakout groups?",
        "tags": ["breakouts", "online", "group-size"],
        "question": True,
        "posts": [
            (
                "lucia",
                (12, 0),
                "Our online circle grew to eleven people after a mention on local radio. Discussions are getting "
                "slow and the same three people do all the talking. At what size do you start using breakout "
                "rooms?",
            ),
            (
                "moderator",
                (12, 4),
                "The usual advice is to start once you have eight or more people. Video calls get noticeably "
                "harder past twelve to fifteen, so with eleven you're close to the limit. Groups of three or four "
                "for a short task, then a quick report back to everyone, work well.",
            ),
            (
                "facilitator",
                (12, 7),
                "Give each room one concrete question and a time limit, and ask one person per room to bring back "
                "a single sentence. Without that, breakouts drift.",
            ),
            (
                "lucia",
                (19, 1),
                "Gracias a los dos. We tried rooms of three with one question each, and the quieter people "
                "talked much more.",
            ),
        ],
        "accepted": 1,
        "likes": [(1, "lucia"), (2, "lucia"), (2, "sam")],
    },
    {
        "category": "activities",
        "title": "Plus/delta feels flat after a few weeks: what else do you use?",
        "tags": ["reflection", "plus-delta"],
        "question": True,
        "posts": [
            (
                "sam",
                (15, 0),
                "We close every meeting with plus/delta (what went well, what to change). It was great at first, "
                'but by week four people say "all good" and leave. What other closing reflections do you use?',
            ),
            (
                "facilitator",
                (15, 5),
                "Rotate them! A few I like:\n\n"
                "- **One-word response**: under two minutes for the whole group.\n"
                "- **Give thanks**: each person thanks someone for something specific, a minute or two each.\n"
                '- **Open question**, such as "what will you try before next week?", a minute or so per '
                "person. Keep it to groups of ten or fewer.\n",
            ),
            (
                "lucia",
                (16, 0),
                "Journaling works for my quieter groups: three minutes of writing, then anyone who wants to can "
                "read one line aloud.",
            ),
            (
                "sam",
                (22, 3),
                "We did the give-thanks round last night. It took longer than plus/delta, but the mood at the end "
                "was completely different.",
            ),
        ],
        "likes": [(1, "sam"), (1, "lucia"), (2, "facilitator"), (3, "facilitator")],
    },
    {
        "category": "activities",
        "title": "Think-pair-share works even with four people",
        "tags": ["think-pair-share", "small-groups"],
        "posts": [
            (
                "lucia",
                (18, 0),
                "A small success to share. My group is only four people, so I assumed pair work was pointless. "
                "I tried think-pair-share anyway: thirty seconds alone with the question, two minutes in pairs, "
                "then the whole group. The two quietest people spoke first in the big round, which had never "
                "happened before.",
            ),
            (
                "facilitator",
                (18, 4),
                "Love this. I use it with big groups too, as a warm-up before a fishbowl: pairs first, then four "
                "people in the middle and everyone else listening.",
            ),
            (
                "sam",
                (19, 2),
                "@lucia did you give them the question on paper or say it out loud? I'm wondering whether to "
                "write it on the whiteboard.",
            ),
            ("lucia", (19, 6), "Both, out loud and on the board. Some people need to see it written down."),
        ],
        "likes": [(0, "facilitator"), (0, "sam"), (0, "editor"), (3, "sam")],
    },
    {
        "category": "courses-and-materials",
        "title": "Printing course materials or everyone on a laptop?",
        "tags": ["materials", "devices"],
        "posts": [
            (
                "sam",
                (21, 0),
                "Our branch has eight laptops to lend. Some learners bring phones, which are hard to follow "
                "course videos on. Do you print the readings, or is everything on screen?",
            ),
            (
                "editor",
                (21, 5),
                "We print the week's reading for anyone who asks and keep the laptops for videos and exercises. "
                "Paper also makes the one-minute paper at the end easier.",
            ),
            (
                "facilitator",
                (22, 1),
                "Ask at the first meeting who prefers paper. In my spreadsheet circle about a third did, mostly "
                "people who like to scribble notes in the margins.",
            ),
        ],
        "likes": [(1, "sam"), (2, "sam")],
    },
    {
        "category": "courses-and-materials",
        "title": "A free course that worked well for a spreadsheet circle",
        "tags": ["spreadsheets", "courses"],
        "posts": [
            (
                "facilitator",
                (24, 0),
                "For anyone planning a spreadsheet circle: we used a free online introduction split into short "
                "units, one a week for seven weeks. What made it work was not the course itself but doing the "
                "exercises together in the room and comparing answers. I'd choose any course with short videos "
                "and downloadable practice files over a polished one without them.",
            ),
            ("lucia", (24, 8), "¿Sabes si hay una versión en español? Some of my learners would prefer it."),
            ("facilitator", (25, 2), "Not that I know of, sorry. If you find one, please post it here!"),
        ],
        "likes": [(0, "lucia"), (0, "sam")],
    },
    {
        "category": "libraries-and-partners",
        "title": "Pitching learning circles to a branch manager",
        "tags": ["libraries", "partners"],
        "posts": [
            (
                "sam",
                (27, 0),
                "My manager likes the idea but asks what the library gets out of it, beyond room bookings. Which "
                "arguments worked for you?",
            ),
            (
                "editor",
                (27, 6),
                "A few that worked with ours: circles bring in people who are using the library for the first "
                "time; they need nothing but a room, a screen and a staff member willing to facilitate; and "
                "learners often come back for other programmes. The early pilot with a big city library system "
                "was run by library staff who had never facilitated before, which reassured our managers.",
            ),
            (
                "facilitator",
                (28, 1),
                "Offer to run one round as a trial, and collect a short plus/delta from the learners at the end "
                "that you can show your manager.",
            ),
            (
                "sam",
                (28, 3),
                "Also, a shameless plug: our branch's book sale is this Saturday and everything is a dollar! "
                "Come by if you're in Chicago.",
            ),
        ],
        "likes": [(1, "sam"), (2, "sam"), (1, "facilitator")],
        "flag": (
            3,
            "lucia",
            Flag.Reason.OFF_TOPIC,
            "Friendly, but not about pitching circles. Maybe it belongs in its own thread?",
            (28, 9),
        ),
    },
    {
        "category": "libraries-and-partners",
        "title": "¿Cómo empezar un círculo en una biblioteca pequeña?",
        "tags": ["bibliotecas", "español"],
        "posts": [
            (
                "lucia",
                (30, 0),
                "Trabajo en una biblioteca de barrio con una sola sala y dos personas en el equipo. Quiero "
                "empezar un círculo de aprendizaje, pero me preocupa no tener tiempo para prepararlo. ¿Alguien "
                "lo ha hecho con tan pocos recursos?",
            ),
            (
                "editor",
                (30, 7),
                "¡Hola, Lucía! Una sala y una persona que facilite son suficientes. No hace falta ser experta en "
                "el tema: tu papel es cuidar el tiempo y que todo el mundo participe. Yo empezaría con un grupo "
                "pequeño, de cuatro a seis personas, que se reúna una vez por semana durante seis semanas, con "
                "sesiones de hora y media.",
            ),
            (
                "lucia",
                (31, 2),
                "Gracias, Elena. Lo voy a proponer para febrero con un curso corto de hojas de cálculo. "
                "Os cuento cómo sale.",
            ),
        ],
        "likes": [(1, "lucia"), (1, "facilitator")],
    },
    {
        "category": "site-feedback",
        "title": "Bigger text option for learners with low vision?",
        "tags": ["accessibility"],
        "posts": [
            (
                "facilitator",
                (33, 0),
                "Two of my learners read the site on library computers with the zoom turned up. Everything still "
                "works at 200%, which is great, but is a larger text setting planned?",
            ),
            (
                "moderator",
                (33, 5),
                "Thanks for testing this! The site follows the browser's own text size, so zoom and the "
                "browser's text-size setting are the way to go for now. I've passed the request on to the team.",
            ),
        ],
        "likes": [(1, "facilitator")],
    },
    {
        "category": "getting-started",
        "title": "First meeting nerves: what did you do in week one?",
        "tags": ["first-meeting"],
        "posts": [
            (
                "sam",
                (36, 0),
                "My first circle starts on Thursday. Apart from the check-in and the first unit of the course, "
                "what did you do in your first meeting that you'd do again?",
            ),
            (
                "facilitator",
                (36, 3),
                "Set group norms together and write them on a big sheet: respect whoever is speaking, speak from "
                '"I", step up and step back. Then ask everyone for a personal goal for the course. Bring the '
                "sheet back every week.",
            ),
            (
                "lucia",
                (37, 1),
                "¡Suerte, Sam! And end with a short reflection, even one word each. It shows people that what "
                "they say shapes the next meeting.",
            ),
        ],
        "likes": [(1, "sam"), (2, "sam")],
    },
]

MODERATION = [
    # (action, thread title, (days, hours))
    (ModerationLog.Action.PIN, "Welcome to the forum: start here", (0, 1)),
    (ModerationLog.Action.LOCK, "Welcome to the forum: start here", (0, 1)),
]

PROFILES = {"lucia": {"email_notifications": ForumProfile.Email.DIGEST, "email_language": "es"}}
CATEGORY_WATCHES = [("sam", "facilitation"), ("lucia", "libraries-and-partners")]
READ_CUTOFF = at(34)  # notifications older than this are read


def _when(offset):
    days, hours = offset
    return at(days, hours)


def _seed_thread(spec, users, categories):
    posts_spec = spec["posts"]
    author, offset, text = posts_spec[0]
    thread = Thread.objects.filter(title=spec["title"]).first()
    if thread is None:
        thread = Thread.start(
            category=categories[spec["category"]],
            author=users[author],
            title=spec["title"],
            source=text,
            is_question=spec.get("question", False),
            tags=spec.get("tags", []),
            created=_when(offset),
        )
        for author, offset, text in posts_spec[1:]:
            thread.add_reply(author=users[author], source=text, created=_when(offset))
        Thread.objects.filter(pk=thread.pk).update(
            is_pinned=spec.get("pinned", False), is_locked=spec.get("locked", False)
        )
    posts = list(thread.posts.order_by("created", "pk"))

    if "revision" in spec:
        index, offset, old_text = spec["revision"]
        post = posts[index]
        _revision, created = PostRevision.objects.get_or_create(
            post=post,
            written_at=post.created,
            defaults={"source": old_text, "edited_by": post.author, "created": _when(offset)},
        )
        if created:
            Post.objects.filter(pk=post.pk).update(edited_at=_when(offset))
    for index, username in spec.get("likes", []):
        post = posts[index]
        Like.objects.get_or_create(
            user=users[username], post=post, defaults={"created": post.created + timedelta(hours=1)}
        )
    if "accepted" in spec:
        accepted = posts[spec["accepted"]]
        Thread.objects.filter(pk=thread.pk).update(accepted_post=accepted)
        Notification.objects.get_or_create(
            recipient=accepted.author,
            kind=Notification.Kind.ACCEPTED,
            post=accepted,
            defaults={
                "actor": thread.author,
                "created": accepted.created + timedelta(hours=6),
                "read_at": _read_at(accepted.created),
            },
        )
    if "flag" in spec:
        index, reporter, reason, details, offset = spec["flag"]
        Flag.objects.get_or_create(
            post=posts[index],
            reporter=users[reporter],
            defaults={"reason": reason, "details": details, "created": _when(offset)},
        )
    _seed_notifications_and_reads(thread, posts)
    thread.refresh_counters()
    return thread


def _read_at(when):
    return when + timedelta(hours=12) if when < READ_CUTOFF else None


def _seed_notifications_and_reads(thread, posts):
    """What members would have been told, as the site would have told them:
    earlier participants hear about each reply, mentioned members about the
    mention. Each member has read a thread up to their own last post."""
    participants = []
    for post in posts:
        mentioned = set(post.mentioned_usernames())
        for member in participants:
            if member.pk == post.author_id:
                continue
            kind = Notification.Kind.MENTION if member.username in mentioned else Notification.Kind.REPLY
            Notification.objects.get_or_create(
                recipient=member,
                post=post,
                kind=kind,
                defaults={"actor": post.author, "created": post.created, "read_at": _read_at(post.created)},
            )
        if post.author not in participants:
            participants.append(post.author)
    for member in participants:
        last_own = max(post.created for post in posts if post.author_id == member.pk)
        if not ThreadRead.objects.filter(user=member, thread=thread).exists():
            ThreadRead.objects.create(user=member, thread=thread, last_read_at=last_own)


def seed(stdout=None):
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=_usernames())}
    missing = _usernames() - set(users)
    if missing:
        if stdout is not None:
            stdout.write(f"Forum demo skipped: demo users missing ({', '.join(sorted(missing))}).")
        return

    categories = {}
    for slug, name, description, order in CATEGORIES:
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    threads = {spec["title"]: _seed_thread(spec, users, categories) for spec in THREADS}

    moderator = users["moderator"]
    for action, title, offset in MODERATION:
        thread = threads[title]
        ModerationLog.objects.get_or_create(
            action=action,
            thread=thread,
            defaults={"moderator": moderator, "target": f"“{thread.title}”", "created": _when(offset)},
        )
    for username, values in PROFILES.items():
        ForumProfile.objects.get_or_create(user=users[username], defaults=values)
    for username, slug in CATEGORY_WATCHES:
        CategoryWatch.objects.get_or_create(
            user=users[username], category=categories[slug], defaults={"created": DEMO_START}
        )
    if stdout is not None:
        stdout.write(f"Forum: {len(categories)} categories, {len(threads)} threads.")


def _usernames():
    names = {"moderator"}
    for spec in THREADS:
        names.update(author for author, _offset, _text in spec["posts"])
        names.update(username for _index, username in spec.get("likes", []))
    return names
