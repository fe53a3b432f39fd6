"""How far a background export has come: the writers' row loops go through `counted`.

Kept apart from core.exports so the spreadsheet writers (core.spreadsheets, the apps'
exports) can report progress without importing the job machinery that imports them.
"""

import contextvars

# How often (in rows) a job writes its progress: one UPDATE per this many rows.
PROGRESS_EVERY = 1000

# The ExportJob being written in this worker, if any (set by core.exports.run_export_job).
current_job = contextvars.ContextVar("export_job", default=None)


def counted(rows):
    """`rows`, passed through; inside a job, its progress is written as they go by."""
    job = current_job.get()
    if job is None:
        yield from rows
        return
    done = 0
    for done, row in enumerate(rows, start=1):
        if done % PROGRESS_EVERY == 0:
            type(job).objects.filter(pk=job.pk).update(rows_done=done)
        yield row
    type(job).objects.filter(pk=job.pk).update(rows_done=done)
