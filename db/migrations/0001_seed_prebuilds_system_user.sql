-- The prebuilds system user (Coder's fixed id) owns prebuilt workspaces until a user claims one.
-- It holds no site roles and cannot log in; the authorization layer acts as it explicitly.
INSERT INTO "users" ("id", "email", "username", "name", "status", "rbac_roles", "is_system")
VALUES (
  'c42fdf75-3097-471c-8c33-fb52454d81c0',
  'prebuilds@system',
  'prebuilds',
  'Prebuilds Owner',
  'active',
  '{}'::text[],
  true
)
ON CONFLICT DO NOTHING;
