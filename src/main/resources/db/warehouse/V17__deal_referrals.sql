-- Deals carry the account that referred them (optional; lead source 'referral'). A referring account that no
-- accounts row has is quarantined by the extract (DeliveryLoader.references), like a ticket's unknown account.
alter table landed_deals add column referred_by_account_id varchar;

