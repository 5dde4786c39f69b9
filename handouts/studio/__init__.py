"""The studio: a long-lived build session (`session`), `handouts watch`'s loop on top of it, and `handouts serve`'s
local web app (pages, page images, live refresh). It sits above clients and pipeline, below commands."""
