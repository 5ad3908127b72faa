"""What a member wrote in an e-mail: the message's plain text, without the
quoted message below it and without their signature.

A small function of our own rather than a reply-parsing library. We tried
mail-parser-reply (the best kept one on PyPI): it strips every line's
leading spaces (Markdown code blocks and nested lists are lost), its French
rule misses any attribution line whose sender name contains "le " (such as
"Circle Commons") and its Spanish one needs two spaces before "escribió".
email_reply_parser (GitHub's, unmaintained since 2020) knows English only.

What is cut, from the first line where it starts to the end:

- the attribution line of a quoted message in English, Spanish, French or
  German ("On Tue, … wrote:", "El mar, … escribió:", "Le mar. … a écrit :",
  "Am … schrieb …:"), also when the mail program wrapped it over two lines;
- "-----Original Message-----" and its translations, a line of underscores
  (Outlook), or an Outlook header block ("From: …" then "Sent:"/"Date:"/"To:");
- the signature delimiter "-- " (RFC 3676; also "--" when trailing space was
  trimmed) and "Sent from my …"-style footers of phone mail programs.

Then quoted lines (">") left at the end are dropped, with a last line ending
in ":" just above them (an attribution we did not recognise). Quoted lines
between the member's own paragraphs stay: an interleaved reply is Markdown
quoting. Sign-offs such as "Best regards," are kept: they are the member's
words, and a rule for them would cut real sentences.
"""

import re

WROTE = re.compile(
    r"^\s*(?:>\s*)*(?:"
    r"on\s.+\s(?:wrote|writes)"
    r"|el\s.+\s(?:escribió|escribio)"
    r"|le\s.+\sa\s+écrit"
    r"|am\s.+\sschrieb.*"
    r")\s*:\s*$",
    re.IGNORECASE,
)
ORIGINAL = re.compile(
    r"^\s*-{3,}\s*(?:original message|forwarded message|mensaje original|mensaje reenviado"
    r"|message d'origine|message d’origine|message transféré|ursprüngliche nachricht)\s*-{3,}\s*$",
    re.IGNORECASE,
)
UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")
HEADER_FROM = re.compile(r"^\s*\*?(?:from|de|von)\s?:\*?\s", re.IGNORECASE)
HEADER_NEXT = re.compile(
    r"^\s*\*?(?:sent|date|to|subject|enviado|fecha|para|asunto|envoyé|à|objet|gesendet|an|betreff)\s?:",
    re.IGNORECASE,
)
SIGNATURE = re.compile(r"^--\s?$")
PHONE_FOOTER = re.compile(
    r"^\s*(?:sent from my|sent from outlook|get outlook for|enviado desde mi|envoyé de mon|envoyé depuis mon"
    r"|von meinem .* gesendet)",
    re.IGNORECASE,
)
QUOTED = re.compile(r"^\s*>")


def _cut_at(lines):
    """Index of the first line of what is not the member's new text."""
    for index, line in enumerate(lines):
        joined = line + " " + lines[index + 1] if index + 1 < len(lines) else line
        if WROTE.match(line) or ORIGINAL.match(line) or UNDERSCORES.match(line):
            return index
        if not QUOTED.match(line) and WROTE.match(joined):  # an attribution wrapped over two lines
            return index
        if HEADER_FROM.match(line) and any(
            HEADER_NEXT.match(next_line) for next_line in lines[index + 1 : index + 4]
        ):
            return index
        if SIGNATURE.match(line) or PHONE_FOOTER.match(line):
            return index
    return len(lines)


def reply_text(text):
    """The member's own text in an e-mail body (see the module docstring)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = lines[: _cut_at(lines)]
    while lines and (not lines[-1].strip() or QUOTED.match(lines[-1])):
        quoted_tail = QUOTED.match(lines[-1])
        lines.pop()
        if quoted_tail:
            while lines and not lines[-1].strip():
                lines.pop()
            if lines and lines[-1].rstrip().endswith(":") and not QUOTED.match(lines[-1]):
                lines.pop()
    return "\n".join(line.rstrip() for line in lines).strip("\n")
