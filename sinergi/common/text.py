"""Text that people typed or imported, made safe for Streamlit's Markdown (titles, captions, labels, markdown)."""

from __future__ import annotations

import string

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it leaves no image, link, autolink,
# HTML tag, emphasis, heading, list or Streamlit directive (:red[…], :material/…:) in the text.
_ESCAPES = {ord(char): "\\" + char for char in string.punctuation}


def plain(text: object) -> str:
    """Return text that Markdown shows exactly as written (newlines kept as hard breaks)."""
    if text is None:
        return ""
    escaped = str(text).translate(_ESCAPES)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")
