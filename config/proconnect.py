"""ProConnect, the State's OpenID Connect federation, for State agents (``comptes/proconnect.py``).

Off unless the three PROCONNECT_* variables are set. The provider's endpoints and keys are read
from its discovery document when first needed, never at start-up. mozilla-django-oidc reads the
``OIDC_*`` names below.
"""

import json

import environ

env = environ.Env()

# e.g. https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration (production)
# or https://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration (tests).
PROCONNECT_DISCOVERY_URL = env.str("PROCONNECT_DISCOVERY_URL", default="")
PROCONNECT_CLIENT_ID = env.str("PROCONNECT_CLIENT_ID", default="")
PROCONNECT_CLIENT_SECRET = env.str("PROCONNECT_CLIENT_SECRET", default="")

# What the portal asks for: the e-mail that names the account, the names and the SIRET that
# update the profile; `amr` says whether the person used a second factor.
OIDC_RP_SCOPES = "openid email given_name usual_name siret uid"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"claims": json.dumps({"id_token": {"amr": {"essential": True}}})}
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_AUTHENTICATION_CALLBACK_URL = "proconnect_retour"
# Never an account from a claim: accounts are opened by invitation.
OIDC_CREATE_USER = False
# Kept for the logout at the provider (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env.int("PROCONNECT_DELAI_SECONDES", default=10)
# ProConnect asks for a state and a nonce of at least 32 characters.
OIDC_STATE_SIZE = 43
OIDC_NONCE_SIZE = 43
LOGIN_REDIRECT_URL_FAILURE = "login"
