"""Changing the files a user writes, from the studio: a sequence, studio.yaml and the roster opened with their
comments, key order, quoting and blank lines kept (ruamel.yaml's round-trip mode), changed only where asked, checked
as `handouts check` would before anything is written, refused when the file changed on disk since it was opened,
and written whole or not at all. A layer between studio/ (which calls it) and clients/.
"""
