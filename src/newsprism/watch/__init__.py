"""`newsprism watch` and `newsprism fetch`: gather reports from feeds, sitemaps and pages politely,
keep their stories current, and alert on new conflicts (docs/watch.md).

`client` fetches, `sources` reads feeds, sitemaps and pages, `cycle` stores and analyses one cycle,
`loop` runs cycles. The package re-exports nothing: the CLI reads `client`'s defaults without loading
the pipeline (spaCy)."""
