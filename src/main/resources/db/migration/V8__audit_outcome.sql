-- Whether what the audit records took effect ('done') or was refused ('refused', the reason in detail).
ALTER TABLE audit_event ADD COLUMN outcome VARCHAR(16) DEFAULT 'done' NOT NULL;
