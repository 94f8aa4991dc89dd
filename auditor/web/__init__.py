"""`lkjip-audit serve`: a local web page where authors upload a report and see its findings on the page."""
