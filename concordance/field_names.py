"""The fields of the front matters: read by ``validate``, and by ``load`` to tell fields
left below a front matter closed too early from a body's words."""

ARTICLE_FIELDS = (
    "title",
    "date",
    "said_on",
    "source",
    "url",
    "place",
    "speaker",
    "concepts",
    "quotes",
    "publish",
    "language",
)
QUOTE_FIELDS = ("text", "concepts", "speaker", "said_on", "note", "id", "language")
CONCEPT_FIELDS = ("title", "aliases", "broader", "related", "summary")
