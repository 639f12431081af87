"""A new account's first visit: the welcome page with three first steps, and the example story that
can be added with one click (clearly marked, deleted with one click) so that the dashboard, practice
and the exports can be tried before a story of one's own is written. The example can also be read
without an account."""
