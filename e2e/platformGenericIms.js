/**
 * The `generic-ims` platform of the scenario runner: the generic IMS templates (PO intake, change
 * orders, shipping) and their IMS sub-workflows against a real PostgreSQL. For every scenario the
 * runner starts its own PostgreSQL server (Debian's `postgresql` package: initdb into a temporary
 * folder, a free port on 127.0.0.1), creates the database, loads workflows/generic-ims/schema.sql,
 * imports an n8n `postgres` credential for it, and stops the server at the end. Platform steps are
 * SQL on that database, as the warehouse's own screens would write it; the state the checks read
 * has an `ims` key with the tables.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { exec, freePort, PACKAGE_ROOT } = require('./realN8n');

const SCHEMA = path.join(PACKAGE_ROOT, 'workflows', 'generic-ims', 'schema.sql');
const DB_USER = 'avc_ims';
const DB_PASSWORD = 'avc-ims-e2e-password';
const DB_NAME = 'ims';

/** The folder of the newest installed PostgreSQL's binaries; throws when there is none. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length)
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): ' +
				'apt-get install -y postgresql',
		);
	return path.join(root, versions[0], 'bin');
}

/**
 * Starts a PostgreSQL server of its own in a temporary folder and loads the schema. PostgreSQL
 * refuses to run as root, so as root the server runs as the `postgres` user (runuser).
 */
async function startPostgres({ runtime, log = () => {} }) {
	const bin = postgresBinDir();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avc-ims-pg-'));
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const run = (cmd, args) =>
		asRoot
			? exec('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args])
			: exec(path.join(bin, cmd), args);
	fs.writeFileSync(path.join(dir, 'password'), `${DB_PASSWORD}\n`);
	if (asRoot) {
		const { stdout } = await exec('id', ['-u', 'postgres']);
		const { stdout: gid } = await exec('id', ['-g', 'postgres']);
		fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
		fs.chownSync(path.join(dir, 'password'), Number(stdout.trim()), Number(gid.trim()));
	}
	const data = path.join(dir, 'data');
	await run('initdb', [
		'-D',
		data,
		'-U',
		DB_USER,
		`--pwfile=${path.join(dir, 'password')}`,
		'--auth=scram-sha-256',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const port = await freePort();
	await run('pg_ctl', [
		'-D',
		data,
		'-l',
		path.join(dir, 'server.log'),
		'-w',
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`,
		'start',
	]);
	log(`PostgreSQL on 127.0.0.1:${port} (${dir})`);
	const { Client } = require(path.join(runtime.dir, 'node_modules', 'pg'));
	const connection = { host: '127.0.0.1', port, user: DB_USER, password: DB_PASSWORD };
	const admin = new Client({ ...connection, database: 'postgres' });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${DB_NAME}`);
	await admin.end();
	const client = new Client({ ...connection, database: DB_NAME });
	await client.connect();
	await client.query(fs.readFileSync(SCHEMA, 'utf8'));
	const pg = {
		dir,
		data,
		port,
		connection: { ...connection, database: DB_NAME },
		client,
		running: true,
		query: (sql, values) => client.query(sql, values),
		/** Stops the server (fast shutdown): n8n's Postgres node then cannot connect. */
		async pause() {
			await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
			pg.running = false;
		},
		async resume() {
			await run('pg_ctl', [
				'-D',
				data,
				'-l',
				path.join(dir, 'server.log'),
				'-w',
				'-o',
				`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
				'start',
			]);
			pg.client = new Client({ ...connection, database: DB_NAME });
			await pg.client.connect();
			pg.query = (sql, values) => pg.client.query(sql, values);
			pg.running = true;
		},
		async stop() {
			await pg.client.end().catch(() => {});
			if (pg.running) await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			pg.running = false;
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	// A server stopped on purpose (fault steps) closes the client's connection: not an error here.
	client.on('error', () => {});
	return pg;
}

/** Stock rows `{sku, onHand, reserved?}` into ims_stock. */
async function seedIms(pg, seed) {
	pg.seededReserved ??= {};
	for (const row of seed?.stock || []) pg.seededReserved[row.sku] = row.reserved ?? 0;
	for (const row of seed?.stock || [])
		await pg.query(
			`INSERT INTO ims_stock (sku, on_hand, reserved) VALUES ($1, $2, $3)
			 ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,
			 updated_at = now()`,
			[row.sku, row.onHand ?? 0, row.reserved ?? 0],
		);
}

/** The IMS tables as the checks read them: stock, sales orders with lines, shipments with cartons. */
async function imsState(pg) {
	if (!pg.running) return { ims: { unreachable: true } };
	const stock = (
		await pg.query(
			'SELECT sku, on_hand AS "onHand", reserved, available FROM ims_stock_available ORDER BY sku',
		)
	).rows;
	const salesOrders = (
		await pg.query(
			`SELECT o.order_number AS "orderNumber", o.po_number AS "poNumber", o.status, o.currency,
			 o.vendor_code AS "vendorCode", o.ship_to AS "shipTo",
			 o.ack_transaction_id AS "ackTransactionId",
			 COALESCE((SELECT json_agg(json_build_object('lineNo', l.line_no, 'poLine', l.po_line,
			   'sku', l.sku, 'quantity', l.quantity, 'unitPrice', l.unit_price::text,
			   'picked', l.picked, 'shipped', l.shipped) ORDER BY l.line_no)
			   FROM ims_sales_order_lines l WHERE l.order_id = o.id), '[]') AS lines
			 FROM ims_sales_orders o ORDER BY o.id`,
		)
	).rows;
	const shipments = (
		await pg.query(
			`SELECT s.shipment_number AS "shipmentNumber", o.order_number AS "orderNumber",
			 o.po_number AS "poNumber", s.carrier, s.asn_id AS "asnId",
			 s.invoice_number AS "invoiceNumber",
			 COALESCE((SELECT json_agg(json_build_object('cartonId', c.carton_id, 'sscc', c.sscc,
			   'trackingNumber', c.tracking_number,
			   'lines', (SELECT json_agg(json_build_object('sku', cl.sku, 'quantity', cl.quantity))
			     FROM ims_carton_lines cl WHERE cl.carton_id = c.id)) ORDER BY c.id)
			   FROM ims_cartons c WHERE c.shipment_id = s.id), '[]') AS cartons
			 FROM ims_shipments s JOIN ims_sales_orders o ON o.id = s.order_id ORDER BY s.id`,
		)
	).rows;
	return { ims: { stock, salesOrders, shipments, seededReserved: pg.seededReserved ?? {} } };
}

/**
 * `startFulfillment`: the warehouse starts picking the sales order of a PO (status picking;
 * `picked`: {sku: eaches} marks picked units, default every line in full).
 */
async function startFulfillment(pg, step) {
	const order = await orderOf(pg, step.purchaseOrder);
	await pg.query(
		`UPDATE ims_sales_orders SET status = 'picking', updated_at = now() WHERE id = $1`,
		[order.id],
	);
	const picked = step.body?.picked;
	await pg.query(
		`UPDATE ims_sales_order_lines SET picked = CASE WHEN $2::jsonb ? sku
		 THEN LEAST(quantity, ($2::jsonb ->> sku)::int) ELSE quantity END WHERE order_id = $1`,
		[order.id, JSON.stringify(picked ?? {})],
	);
	if (picked)
		await pg.query(
			`UPDATE ims_sales_order_lines SET picked = 0 WHERE order_id = $1 AND NOT ($2::jsonb ? sku)`,
			[order.id, JSON.stringify(picked)],
		);
}

/**
 * `ship`: one shipment of the sales order of a PO. body: {carrier?, cartons?: [{cartonId?, sscc?,
 * trackingNumber?, lines: [{sku, quantity}]}], quantities?: {sku: eaches}}. Without cartons: what
 * is left to ship (or `quantities`), one carton per case of the SKU's case pack in the scenario's
 * mapping (one carton for the rest of a SKU without one), tracking numbers numbered per carton.
 */
async function ship(pg, step, mapping) {
	const order = await orderOf(pg, step.purchaseOrder);
	const body = step.body || {};
	const lines = (
		await pg.query(
			'SELECT sku, quantity, shipped FROM ims_sales_order_lines WHERE order_id = $1 ORDER BY line_no',
			[order.id],
		)
	).rows;
	let cartons = body.cartons;
	if (!cartons) {
		const left = {};
		for (const l of lines) left[l.sku] = (left[l.sku] || 0) + l.quantity - l.shipped;
		const wanted = body.quantities || left;
		cartons = [];
		for (const [sku, eaches] of Object.entries(wanted)) {
			const pack = Number(mapping.find((m) => m.sku === sku && Number(m.casePack) > 1)?.casePack);
			let rest = Math.min(eaches, left[sku] || 0);
			while (rest > 0) {
				const quantity = pack > 1 ? Math.min(pack, rest) : rest;
				cartons.push({ lines: [{ sku, quantity }] });
				rest -= quantity;
			}
		}
	}
	const count = Number(
		(await pg.query('SELECT count(*) AS n FROM ims_shipments WHERE order_id = $1', [order.id]))
			.rows[0].n,
	);
	const shipmentNumber = `${order.order_number}-S${count + 1}`;
	const trackingBase =
		body.trackingNumber || `1Z999AA1${String(order.id).padStart(4, '0')}${count + 1}`;
	const { rows } = await pg.query(
		`INSERT INTO ims_shipments (shipment_number, order_id, carrier, ship_from)
		 VALUES ($1, $2, $3, $4) RETURNING id`,
		[shipmentNumber, order.id, body.carrier ?? 'UPS', body.shipFrom ?? null],
	);
	for (const [i, carton] of cartons.entries()) {
		const c = await pg.query(
			`INSERT INTO ims_cartons (shipment_id, carton_id, sscc, tracking_number)
			 VALUES ($1, $2, $3, $4) RETURNING id`,
			[
				rows[0].id,
				carton.cartonId ?? `${shipmentNumber}-C${i + 1}`,
				carton.sscc === undefined ? nextSscc(pg) : carton.sscc,
				carton.trackingNumber ?? `${trackingBase}${String(i + 1).padStart(2, '0')}`,
			],
		);
		for (const line of carton.lines) {
			await pg.query(
				'INSERT INTO ims_carton_lines (carton_id, sku, quantity) VALUES ($1, $2, $3)',
				[c.rows[0].id, line.sku, line.quantity],
			);
			await shipLine(pg, order.id, line.sku, line.quantity);
		}
	}
	await pg.query(
		`UPDATE ims_sales_orders SET updated_at = now(), status = CASE WHEN (SELECT bool_and(shipped >= quantity)
		 FROM ims_sales_order_lines WHERE order_id = $1) THEN 'shipped' ELSE 'partially_shipped' END
		 WHERE id = $1`,
		[order.id],
	);
}

/** Books shipped eaches of a SKU on the order's lines (in line order) and off stock. */
async function shipLine(pg, orderId, sku, quantity) {
	let rest = quantity;
	const lines = (
		await pg.query(
			'SELECT line_no, quantity, shipped FROM ims_sales_order_lines WHERE order_id = $1 AND sku = $2 ORDER BY line_no',
			[orderId, sku],
		)
	).rows;
	for (const l of lines) {
		const take = Math.min(rest, l.quantity - l.shipped);
		if (take <= 0) continue;
		await pg.query(
			`UPDATE ims_sales_order_lines SET shipped = shipped + $3, picked = GREATEST(picked, shipped + $3)
			 WHERE order_id = $1 AND line_no = $2`,
			[orderId, l.line_no, take],
		);
		rest -= take;
	}
	await pg.query(
		`UPDATE ims_stock SET on_hand = GREATEST(on_hand - $2, 0), reserved = GREATEST(reserved - $2, 0),
		 updated_at = now() WHERE sku = $1`,
		[sku, quantity],
	);
}

/** The warehouse's next SSCC (extension digit 0, GS1 company prefix 0614141, serial, check digit). */
function nextSscc(pg) {
	pg.ssccSerial = (pg.ssccSerial ?? 0) + 1;
	const data = `00614141${String(pg.ssccSerial).padStart(9, '0')}`;
	const sum = [...data].reverse().reduce((t, d, i) => t + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
	return data + ((10 - (sum % 10)) % 10);
}

async function orderOf(pg, po) {
	const { rows } = await pg.query(
		'SELECT id, order_number FROM ims_sales_orders WHERE po_number = $1',
		[po],
	);
	if (!rows.length) throw new Error(`no IMS sales order for purchase order ${po}`);
	return rows[0];
}

module.exports = (kit) => {
	const { TABLES, loadWorkflows, sandboxAmazonCredential, groupCount, check, shopifyInvariants } =
		kit;

	function invariants(state, tables) {
		const out = [];
		const orders = state.ims?.salesOrders || [];
		const perPo = groupCount(
			orders.filter((o) => o.status !== 'cancelled'),
			(o) => o.poNumber,
		);
		out.push(...kit.orderPerAcceptedPo(state, tables, perPo, 'ims_order_not_created', 'IMS'));
		const knownPos = new Set(
			(state.amazon?.purchaseOrders || []).map((p) => p.purchaseOrderNumber),
		);
		const strays = orders.filter((o) => !knownPos.has(o.poNumber)).map((o) => o.poNumber);
		out.push(
			check('every IMS sales order names a purchase order Amazon has', !strays.length, strays),
		);
		// Reservations follow the sales orders: what the seed reserved plus every open order's unshipped eaches.
		const open = {};
		for (const o of orders.filter((x) => x.status !== 'cancelled'))
			for (const l of o.lines) open[l.sku] = (open[l.sku] || 0) + l.quantity - l.shipped;
		const seeded = state.ims?.seededReserved || {};
		const drift = (state.ims?.stock || [])
			.filter((st) => st.reserved !== (seeded[st.sku] || 0) + (open[st.sku] || 0))
			.map((st) => [st.sku, st.reserved, (seeded[st.sku] || 0) + (open[st.sku] || 0)]);
		out.push(
			check(
				'IMS reservations = seeded reservations + unshipped eaches of the open sales orders',
				!drift.length,
				drift,
			),
		);
		out.push(
			check(
				'no ASN ships more than Amazon accepted (no overage)',
				(state.amazon?.overages || []).length === 0,
				state.amazon?.overages,
			),
		);
		out.push(...shopifyInvariants(state, tables).filter((c) => !/Shopify/.test(c.name)));
		return out;
	}

	function summary(state, tables) {
		const lines = kit.shopifySummary(state, tables).filter((l) => !l.startsWith('Shopify orders'));
		const orders = state.ims?.salesOrders || [];
		const text = orders
			.map(
				(o) =>
					`${o.orderNumber} for ${o.poNumber} (${o.status}): ` +
					o.lines.map((l) => `${l.quantity} x ${l.sku} at ${l.unitPrice}`).join(', '),
			)
			.join('; ');
		const at = lines.findIndex((l) => l.startsWith('Acknowledgements sent'));
		lines.splice(
			at < 0 ? lines.length : at,
			0,
			`IMS sales orders: ${orders.length} (${text || 'none'})`,
			`IMS shipments: ${(state.ims?.shipments || []).length}`,
		);
		return lines;
	}

	return {
		tables: TABLES,
		workflows: () =>
			loadWorkflows([
				{ role: 'setup', files: ['setup-data-tables.json'] },
				{ role: 'ims', files: ['generic-ims-read-stock.json'] },
				{ role: 'ims', files: ['generic-ims-find-sales-order.json'] },
				{ role: 'ims', files: ['generic-ims-create-sales-order.json'] },
				{ role: 'ims', files: ['generic-ims-list-shipments.json'], optional: true },
				{ role: 'ims', files: ['generic-ims-record-shipment-documents.json'], optional: true },
				{ role: 'ims', files: ['generic-ims-update-sales-order.json'], optional: true },
				{ role: 'cycle', files: ['generic-ims-po-intake.json'] },
				{ role: 'cycle', files: ['generic-ims-change-orders.json'], optional: true },
				{ role: 'cycle', files: ['generic-ims-shipping.json'], optional: true },
				{ role: 'cycle', files: ['remittance-journal.json'], optional: true },
				{ role: 'cycle', files: ['exception-queue.json'], optional: true },
			]),
		/** Starts the scenario's PostgreSQL (schema loaded); `stop` ends it. */
		start: ({ env, log }) => startPostgres({ runtime: env.runtime, log }),
		stop: (pg) => pg.stop(),
		credentials: (sandbox, pg) => [
			{
				id: 'avcScenAmazon001',
				name: 'Amazon Vendor Central (sandbox)',
				type: 'amazonVendorCentralApi',
				data: sandboxAmazonCredential(sandbox),
			},
			{
				id: 'avcScenImsPg0001',
				name: 'IMS PostgreSQL',
				type: 'postgres',
				data: {
					host: pg.connection.host,
					port: pg.connection.port,
					database: pg.connection.database,
					user: pg.connection.user,
					password: pg.connection.password,
					ssl: 'disable',
					allowUnauthorizedCerts: false,
					sshTunnel: false,
				},
			},
		],
		patch: (json, { credentials }) => kit.patchTemplate(json, { credentials }),
		/** `seed.ims`: {stock: [{sku, onHand, reserved?}]}; the rest goes to the sandbox. */
		seed: (pg, ims) => seedIms(pg, ims),
		state: (pg) => imsState(pg),
		orderRef: (state, po) =>
			(state.ims?.salesOrders || []).find((o) => o.poNumber === po)?.orderNumber,
		actions: {
			startFulfillment: (step) => ({ run: (pg) => startFulfillment(pg, step) }),
			ship: (step) => ({ run: (pg, scenario) => ship(pg, step, scenario.mapping || []) }),
			/** The IMS database goes down (its server stops) until `imsBack`. */
			imsDown: () => ({ run: (pg) => pg.pause() }),
			imsBack: () => ({ run: (pg) => pg.resume() }),
			/** SQL on the IMS database, as a database administrator would run it (`sql`, `values`). */
			imsSql: (step) => ({ run: (pg) => pg.query(step.sql, step.values || []) }),
		},
		invariants,
		summary,
	};
};

module.exports.startPostgres = startPostgres;
