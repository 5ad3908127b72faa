"""Mail in: members reply to notification e-mails, and start threads by
e-mail to a category's address, as they would on the site.

- text.py: the member's own text in a message (quotes and signature cut)
- receive.py: one message to some forum addresses -> posted, or refused
  with a reason; through the same write operations as the site
  (forum/actions.py: Reply, StartThread), so the same permissions, limits,
  sanitising and notifications apply
- server.py: the SMTP server (aiosmtpd) that `manage.py run_mail_server`
  runs beside the app; `manage.py receive_mail` takes one message on
  standard input, for an MTA that pipes mail to a command

The addresses themselves (signed reply tokens, category addresses) are
forum/reply_addresses.py, which outgoing mail uses too.
"""
