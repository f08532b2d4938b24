-- The language the account's holder reads the site in, for what is sent to them when they are
-- not on a page: mails. Set at sign-up, at each sign-in and on the language switch.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'vi';
