"""Personal data: retention, anonymisation and the subject-access export (see ``apps``)."""
