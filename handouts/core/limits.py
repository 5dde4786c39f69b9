"""The limits on what handouts reads, in one place: the README's "Limits" section quotes them, the readers check
them before any layout starts, and each breach is a located error that says the limit and how to stay under it.

They are far above what a real class needs (a sequence is a few KB, a class 5-40 steps) and low enough that the
slowest product of anything within them is made in seconds.
"""

from __future__ import annotations

# -- files ------------------------------------------------------------------------------------------------------
FILE_BYTES = 1_000_000  # a sequence, pose file, studio.yaml, labels table, roster or mail template

# -- sequences --------------------------------------------------------------------------------------------------
STEPS = 100  # numbered steps and series steps together, in one sequence
NAME_CHARS = 120  # a step's or pose's name, a Sanskrit name, a series title
TITLE_CHARS = 200  # a sequence's title and subtitle
TEXT_CHARS = 2_000  # any other text: a cue, caution, note, intro, transition, variation
NUMBER = 10_000  # the largest number a hold, a duration (minutes) or a timing setting (seconds) may give

# -- images -----------------------------------------------------------------------------------------------------
IMAGE_BYTES = 30_000_000  # a photo or logo file
IMAGE_PIXELS = 50_000_000  # width x height, before cropping
STUDIO_REQUEST_BYTES = IMAGE_BYTES + 1_000_000  # one request to the studio: a photo and its form
IMAGE_SIDE = 12_000  # pixels on the longer side
IMAGE_CROPPED_SIDE = 16  # pixels on each side after cropping, at least

# -- templates ({{ client.name }} in any text, the mail message and subject) ------------------------------------------
TEMPLATE_LOOP = 10_000  # loop iterations in one render
TEMPLATE_RANGE = 10_000  # items in one range()
TEMPLATE_OUTPUT = 100_000  # characters one render produces (a text is further held to TEXT_CHARS)
TEMPLATE_SECONDS = 1.0  # CPU time for one render

# -- videos -----------------------------------------------------------------------------------------------------
VIDEO_CHARS = 300  # a `video:` web address (a video site's own links are 30-100 characters): its QR code's
# squares stay 0.3 mm or more on the card (18 mm for up to 60 squares a side)
