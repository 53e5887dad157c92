-- Agents registered before tokens were hashed keep working: their stored hash becomes the SHA-256
-- of their existing token's text (lowercase, hyphenated), exactly what the lookup hashes.
UPDATE "workspace_agents" SET "auth_token_hash" = sha256(convert_to("auth_token"::text, 'UTF8'));
