"""Editor and admin accounts (auth: argon2, lockout, SSO roles) and the append-only audit log."""
