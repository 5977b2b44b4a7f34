-- Reference IMS for the generic-ims templates: the tables a small inventory management system keeps
-- for stock, sales orders and shipments, in PostgreSQL 13 or later. The IMS sub-workflows
-- (workflows/generic-ims-*.json) read and write only these tables. Another IMS (Cin7, Linnworks,
-- NetSuite, an ERP) has its own tables or API: replace the sub-workflows, not the main templates.
--
-- Load it once into an empty database:  psql "$DATABASE_URL" -f schema.sql
-- Quantities are eaches (whole units); prices are numeric (exact decimals, never floats).

-- Stock per SKU. available = on_hand - reserved; a sales order reserves its quantities when it is
-- created, a shipment takes them off on_hand and reserved.
CREATE TABLE IF NOT EXISTS ims_stock (
	sku        text PRIMARY KEY,
	on_hand    integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
	reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
	updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE VIEW ims_stock_available AS
	SELECT sku, on_hand, reserved, GREATEST(on_hand - reserved, 0) AS available FROM ims_stock;

-- One sales order per Amazon purchase order (po_number is unique, so a second create is refused).
-- status: open (nothing picked), picking (the warehouse started), partially_shipped, shipped,
-- cancelled.
CREATE TABLE IF NOT EXISTS ims_sales_orders (
	id                 bigserial PRIMARY KEY,
	order_number       text NOT NULL UNIQUE,
	po_number          text NOT NULL UNIQUE,
	customer           text NOT NULL DEFAULT 'Amazon Vendor Central',
	vendor_code        text,
	ship_to            text,
	currency           char(3) NOT NULL,
	status             text NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'picking', 'partially_shipped', 'shipped', 'cancelled')),
	ack_transaction_id text,
	-- The purchase order as acknowledged (Vendor Central PO Trigger shape), kept for change orders.
	po_snapshot        jsonb NOT NULL,
	-- The acknowledgement last sent to Amazon (Acknowledge PO's or Apply Change Order's).
	acknowledgement    jsonb,
	created_at         timestamptz NOT NULL DEFAULT now(),
	updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE IF NOT EXISTS ims_sales_order_number START 1001;

-- The lines: one per Amazon PO line with confirmed units (accepted plus backordered eaches).
CREATE TABLE IF NOT EXISTS ims_sales_order_lines (
	order_id     bigint NOT NULL REFERENCES ims_sales_orders (id) ON DELETE CASCADE,
	line_no      integer NOT NULL,
	po_line      text NOT NULL,
	sku          text NOT NULL,
	quantity     integer NOT NULL CHECK (quantity >= 0),
	unit_price   numeric NOT NULL CHECK (unit_price >= 0),
	picked       integer NOT NULL DEFAULT 0 CHECK (picked >= 0),
	shipped      integer NOT NULL DEFAULT 0 CHECK (shipped >= 0),
	PRIMARY KEY (order_id, line_no)
);

-- A shipment of a sales order (one per truck or parcel hand-over), with its cartons. asn_id and
-- invoice_number are written back by the shipping template once Amazon accepted them.
CREATE TABLE IF NOT EXISTS ims_shipments (
	id              bigserial PRIMARY KEY,
	shipment_number text NOT NULL UNIQUE,
	order_id        bigint NOT NULL REFERENCES ims_sales_orders (id),
	shipped_at      timestamptz NOT NULL DEFAULT now(),
	carrier         text,
	asn_id          text,
	asn_sent_at     timestamptz,
	invoice_number  text,
	invoiced_at     timestamptz
);

-- Cartons: an SSCC when the warehouse labels cartons itself, else only its own carton id (the
-- template then takes an SSCC from the reserved serials); one tracking number per carton.
CREATE TABLE IF NOT EXISTS ims_cartons (
	id              bigserial PRIMARY KEY,
	shipment_id     bigint NOT NULL REFERENCES ims_shipments (id) ON DELETE CASCADE,
	carton_id       text NOT NULL,
	sscc            char(18),
	tracking_number text,
	UNIQUE (shipment_id, carton_id)
);

CREATE TABLE IF NOT EXISTS ims_carton_lines (
	carton_id bigint NOT NULL REFERENCES ims_cartons (id) ON DELETE CASCADE,
	sku       text NOT NULL,
	quantity  integer NOT NULL CHECK (quantity > 0)
);
