"""What the test modules share (no tests here): the bot under test (``bot``), images (``images``), driving the
conversation (``conversation``), the provider rig (``providers``), S3 checks (``s3``) and one fake clock
(``clock``). Test modules import from here and from ``tests.fakes``, never from one another."""
