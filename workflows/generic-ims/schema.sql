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
	-- The party the goods ship from (Amazon's ship-from party id); empty: the order's vendor code.
	ship_from       text,
	asn_id          text,
	-- Build ASN's shippedLines of this shipment (per PO line), kept for the invoice and later ASNs.
	shipped_lines   jsonb,
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

-- The shipments as the shipping template reads them: Build ASN's shipment (cartons with their SSCC,
-- contents in eaches), the PO as acknowledged, what earlier ASNs of the order shipped, and the
-- shipped lines for the invoice. One row per shipment.
CREATE OR REPLACE VIEW ims_amazon_shipments AS
SELECT s.id,
	s.shipment_number AS "shipmentNumber",
	o.order_number AS "orderNumber",
	o.po_number AS "purchaseOrderNumber",
	s.shipped_at AS "shippedAt",
	s.asn_id AS "asnId",
	s.invoice_number AS "invoiceNumber",
	jsonb_build_object(
		'shipmentIdentifier', s.shipment_number,
		'shippedDate', to_char(s.shipped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
		'carrier', COALESCE(s.carrier, ''),
		'trackingNumber', COALESCE(c.tracking[1], ''),
		'proNumber', COALESCE(c.tracking[1], ''),
		'trackingNumbers', to_jsonb(COALESCE(c.tracking, '{}')),
		'shipmentType', 'SmallParcel',
		'transportationMode', 'Road',
		'shipFromParty', jsonb_build_object('partyId', COALESCE(s.ship_from, o.vendor_code)),
		'cartons', COALESCE(c.cartons, '[]')
	) AS shipment,
	jsonb_build_array(o.po_snapshot || jsonb_build_object('acknowledgement', o.acknowledgement))
		AS "purchaseOrders",
	COALESCE((SELECT jsonb_agg(l) FROM ims_shipments e, jsonb_array_elements(e.shipped_lines) l
		WHERE e.order_id = s.order_id AND e.id <> s.id AND e.asn_id IS NOT NULL), '[]')
		AS "alreadyShipped",
	COALESCE((SELECT jsonb_agg(jsonb_build_object('purchaseOrderNumber', l -> 'purchaseOrderNumber',
		'itemSequenceNumber', l -> 'itemSequenceNumber', 'shippedQuantity', l -> 'shippedQuantity'))
		FROM jsonb_array_elements(s.shipped_lines) l), '[]') AS "shippedLines"
FROM ims_shipments s
JOIN ims_sales_orders o ON o.id = s.order_id
LEFT JOIN LATERAL (
	SELECT array_agg(k.tracking_number ORDER BY k.id) FILTER (WHERE k.tracking_number IS NOT NULL)
			AS tracking,
		jsonb_agg(jsonb_build_object('id', k.carton_id, 'sscc', k.sscc,
			'trackingNumber', k.tracking_number,
			'contents', (SELECT jsonb_agg(jsonb_build_object('sku', kl.sku, 'eaches', kl.quantity,
				'purchaseOrderNumber', o.po_number)) FROM ims_carton_lines kl WHERE kl.carton_id = k.id))
			ORDER BY k.id) AS cartons
	FROM ims_cartons k WHERE k.shipment_id = s.id
) c ON true;
