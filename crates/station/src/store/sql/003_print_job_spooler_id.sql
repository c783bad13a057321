-- The spooler's job id gets its own column (it was parsed out of the reason text), and each job
-- remembers when its current series of automatic retries began, so retries stop after a bounded time.
ALTER TABLE print_jobs ADD COLUMN spooler_job_id TEXT;
ALTER TABLE print_jobs ADD COLUMN retry_from TEXT;
UPDATE print_jobs SET spooler_job_id = substr(reason, 13), reason = NULL
    WHERE reason LIKE 'spooler job %';
UPDATE print_jobs SET retry_from = created_at;
