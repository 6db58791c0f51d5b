"""The supervisor's review of a table: submission, comments, return/accept, recheck, diff, verify.

The review lives in the file's `review` room (docs/file-format.md); it never
counts towards the content hash, so reviewing never changes a verification code.
"""
