/**
 * The template targets of issue 16 item 2, measured on one workflow export (a parsed workflows/*.json):
 *
 *   const { measureWorkflow } = require('./templateTargets');
 *   const m = measureWorkflow(json);   // { nodes, expressionChars, longestExpression, ..., violations }
 *   m.violations                       // [{ target, message }], empty when every target holds
 *
 * Targets (TARGETS below): at most 25 nodes (sticky notes not counted); no expression longer than
 * 300 characters; at most 3,000 expression characters in all; no Code node; no node named only by
 * its type's default name; no sticky note overlapping a node; no connection running right-to-left
 * across more than one node. An expression is a parameter string starting with "=", anywhere in a
 * node's parameters (nested objects and lists too); its length is counted after the "=".
 *
 * Plain JavaScript without dependencies and without file access: the unit tests
 * (test/unit/e2e/templateTargets.test.ts) and the CLI (scripts/measure-templates.js) use it.
 */
'use strict';

const LIMITS = {
	maxNodes: 25,
	maxExpressionChars: 300,
	maxTotalExpressionChars: 3000,
};

/** The target keys a violation carries, in the order of the issue. */
const TARGETS = [
	'nodes',
	'expressionLength',
	'expressionTotal',
	'codeNode',
	'defaultName',
	'stickyOverlap',
	'backwardConnection',
];

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
const CODE_NODE_TYPES = [
	'n8n-nodes-base.code',
	'n8n-nodes-base.function',
	'n8n-nodes-base.functionItem',
	'@n8n/n8n-nodes-langchain.code',
];

/*
 * Canvas geometry of n8n 2.40.7's editor (n8n-editor-ui/dist/assets/workflows.store-*.js, minified:
 * `[96,96],[80,80],[256,96]`; the same constants in readable form are in
 * @n8n/workflow-sdk/dist/workflow-builder/constants.js and layout-utils.js of that install):
 * GRID_SIZE 16, DEFAULT_NODE_SIZE [GRID_SIZE * 6, GRID_SIZE * 6] = 96 x 96 px, and a node with more
 * than two main inputs or outputs grows by GRID_SIZE * 2 = 32 px per handle past the second
 * (calculateNodeHeight). A node's `position` is its top-left corner, as a sticky note's is; a sticky
 * note's size is `parameters.width` x `parameters.height` (default 240 x 160, DEFAULT_STICKY_SIZE).
 */
const GRID_SIZE = 16;
const NODE_WIDTH = GRID_SIZE * 6;
const NODE_HEIGHT = GRID_SIZE * 6;
const HANDLE_GROWTH = GRID_SIZE * 2;
const DEFAULT_STICKY_SIZE = [240, 160];

/*
 * "Across more than one node": n8n lays nodes out one node width plus NODE_X_SPACING
 * (GRID_SIZE * 8 = 128 px) apart, so one column step is NODE_STEP = 96 + 128 = 224 px (the
 * templates use 220). A connection from source S to target T runs right-to-left across more than one
 * node when T.x < S.x - 1.5 * NODE_STEP (x of the top-left corners), that is when it goes back more
 * than 336 px: a loop back to the node one column to the left (220 px, as Loop Over Items wants) is
 * allowed, one back two columns (440 px) is not.
 */
const NODE_STEP = NODE_WIDTH + GRID_SIZE * 8;
const MAX_BACKWARD_PX = 1.5 * NODE_STEP;

/*
 * Default node names, taken at development time from the installed n8n 2.40.7
 * (n8n-nodes-base/dist/types/nodes.json: `defaults.name` and `displayName` of every version) for the
 * core nodes a template is likely to hold, and from this package's node descriptions. A node whose
 * name is one of its type's names, or one of them followed by digits ("If1", "Merge2"; compared
 * without case, spaces or punctuation), is named for its type, not for what it does. Types not in
 * the list are compared with the type's own identifier ("n8n-nodes-base.httpRequest" ->
 * "httprequest").
 */
const DEFAULT_NAMES = {
	'n8n-nodes-base.aggregate': ['Aggregate'],
	'n8n-nodes-base.code': ['Code'],
	'n8n-nodes-base.compareDatasets': ['Compare Datasets'],
	'n8n-nodes-base.convertToFile': ['Convert to File'],
	'n8n-nodes-base.cron': ['Cron'],
	'n8n-nodes-base.crypto': ['Crypto'],
	'n8n-nodes-base.dataTable': ['Data table'],
	'n8n-nodes-base.dateTime': ['Date & Time'],
	'n8n-nodes-base.emailSend': ['Send Email'],
	'n8n-nodes-base.errorTrigger': ['Error Trigger'],
	'n8n-nodes-base.executeWorkflow': ['Execute Workflow', 'Execute Sub-workflow'],
	'n8n-nodes-base.executeWorkflowTrigger': [
		'When Executed by Another Workflow',
		'Execute Workflow Trigger',
	],
	'n8n-nodes-base.extractFromFile': ['Extract from File'],
	'n8n-nodes-base.filter': ['Filter'],
	'n8n-nodes-base.function': ['Function'],
	'n8n-nodes-base.functionItem': ['Function Item'],
	'n8n-nodes-base.graphql': ['GraphQL'],
	'n8n-nodes-base.html': ['HTML'],
	'n8n-nodes-base.httpRequest': ['HTTP Request'],
	'n8n-nodes-base.if': ['If'],
	'n8n-nodes-base.itemLists': ['Item Lists'],
	'n8n-nodes-base.limit': ['Limit'],
	'n8n-nodes-base.magento2': ['Magento 2'],
	'n8n-nodes-base.manualTrigger': ['When clicking ‘Execute workflow’', 'Manual Trigger'],
	'n8n-nodes-base.merge': ['Merge'],
	'n8n-nodes-base.noOp': ['No Operation, do nothing'],
	'n8n-nodes-base.postgres': ['Postgres'],
	'n8n-nodes-base.removeDuplicates': ['Remove Duplicates'],
	'n8n-nodes-base.renameKeys': ['Rename Keys'],
	'n8n-nodes-base.respondToWebhook': ['Respond to Webhook'],
	'n8n-nodes-base.scheduleTrigger': ['Schedule Trigger'],
	'n8n-nodes-base.set': ['Edit Fields', 'Edit Fields (Set)', 'Set'],
	'n8n-nodes-base.shopify': ['Shopify'],
	'n8n-nodes-base.sort': ['Sort'],
	'n8n-nodes-base.splitInBatches': ['Loop Over Items', 'Split In Batches'],
	'n8n-nodes-base.splitOut': ['Split Out'],
	'n8n-nodes-base.stopAndError': ['Stop and Error'],
	'n8n-nodes-base.summarize': ['Summarize'],
	'n8n-nodes-base.switch': ['Switch'],
	'n8n-nodes-base.wait': ['Wait'],
	'n8n-nodes-base.webhook': ['Webhook'],
	'n8n-nodes-base.xml': ['XML'],
	'n8n-nodes-amazon-vendor-central.amazonVendorCentral': ['Amazon Vendor Central'],
	'n8n-nodes-amazon-vendor-central.supercycle': ['Supercycle'],
	'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger': ['Vendor Central PO Trigger'],
	'n8n-nodes-amazon-vendor-central.acknowledgePo': ['Acknowledge PO'],
	'n8n-nodes-amazon-vendor-central.applyChangeOrder': ['Apply Change Order'],
	'n8n-nodes-amazon-vendor-central.buildAsn': ['Build ASN'],
	'n8n-nodes-amazon-vendor-central.buildInvoice': ['Build Invoice'],
	'n8n-nodes-amazon-vendor-central.mapAsinCasePack': ['Map ASIN / Case Pack'],
	'n8n-nodes-amazon-vendor-central.postRemittanceJournal': ['Post Remittance Journal'],
};

/*
 * This package's single-purpose nodes are named after the one thing they do ("Acknowledge PO",
 * "Build ASN"), so their default name is allowed as it is; with a digit after it ("Build ASN1") it
 * no longer tells two such nodes apart, and is not.
 */
const ACTION_NAMED_TYPES = new Set([
	'n8n-nodes-amazon-vendor-central.acknowledgePo',
	'n8n-nodes-amazon-vendor-central.applyChangeOrder',
	'n8n-nodes-amazon-vendor-central.buildAsn',
	'n8n-nodes-amazon-vendor-central.buildInvoice',
	'n8n-nodes-amazon-vendor-central.mapAsinCasePack',
	'n8n-nodes-amazon-vendor-central.postRemittanceJournal',
]);

const squash = (text) =>
	String(text)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

/** 'exact', 'numbered' (the default name with digits after it) or undefined. */
function defaultNameMatch(name, type) {
	const typeId = String(type).split('.').pop();
	const candidates = [...(DEFAULT_NAMES[type] || []), typeId].map(squash).filter(Boolean);
	const squashed = squash(name);
	for (const candidate of candidates) {
		if (squashed === candidate) return 'exact';
		if (squashed.startsWith(candidate) && /^\d+$/.test(squashed.slice(candidate.length)))
			return 'numbered';
	}
	return undefined;
}

/** True when the node's name is only its type's default name (see DEFAULT_NAMES). */
function isDefaultName(name, type) {
	const match = defaultNameMatch(name, type);
	if (match === 'exact') return !ACTION_NAMED_TYPES.has(type);
	return match === 'numbered';
}

/** Every expression under `value`: [{ path, length }], length counted after the leading "=". */
function expressionsIn(value, path = 'parameters', out = []) {
	if (typeof value === 'string') {
		if (value.startsWith('=')) out.push({ path, length: value.length - 1 });
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => expressionsIn(v, `${path}[${i}]`, out));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) expressionsIn(v, `${path}.${k}`, out);
	}
	return out;
}

/** Every connection of the workflow: [{ from, to, type, output, input }]. */
function connectionsOf(workflow) {
	const list = [];
	for (const [from, byType] of Object.entries(workflow.connections || {}))
		for (const [type, outputs] of Object.entries(byType || {}))
			(outputs || []).forEach((targets, output) => {
				for (const t of targets || [])
					list.push({ from, to: t.node, type, output, input: t.index ?? 0 });
			});
	return list;
}

/** The canvas rectangle of a node (see the geometry above): { x, y, width, height }. */
function nodeRect(node, connections) {
	const [x, y] = node.position || [0, 0];
	if (node.type === STICKY_NOTE) {
		const p = node.parameters || {};
		return {
			x,
			y,
			width: typeof p.width === 'number' ? p.width : DEFAULT_STICKY_SIZE[0],
			height: typeof p.height === 'number' ? p.height : DEFAULT_STICKY_SIZE[1],
		};
	}
	const main = connections.filter((c) => c.type === 'main');
	const outputs = Math.max(0, ...main.filter((c) => c.from === node.name).map((c) => c.output + 1));
	const inputs = Math.max(0, ...main.filter((c) => c.to === node.name).map((c) => c.input + 1));
	const handles = Math.max(inputs, outputs, 1);
	return {
		x,
		y,
		width: NODE_WIDTH,
		height: NODE_HEIGHT + Math.max(0, handles - 2) * HANDLE_GROWTH,
	};
}

/** Rectangles that share an area (touching edges do not overlap). */
function overlaps(a, b) {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The measures of one workflow export and its violations of the targets:
 * { name, nodes, stickyNotes, expressionChars, longestExpression, expressions, codeNodes,
 *   defaultNamed, stickyOverlaps, backwardConnections, violations: [{ target, message }] }.
 */
function measureWorkflow(workflow) {
	const all = Array.isArray(workflow?.nodes) ? workflow.nodes : [];
	const stickies = all.filter((n) => n.type === STICKY_NOTE);
	const nodes = all.filter((n) => n.type !== STICKY_NOTE);
	const connections = connectionsOf(workflow || {});
	const byName = new Map(all.map((n) => [n.name, n]));

	const expressions = nodes.flatMap((n) =>
		expressionsIn(n.parameters || {}).map((e) => ({ node: n.name, ...e })),
	);
	const expressionChars = expressions.reduce((sum, e) => sum + e.length, 0);
	const longestExpression = Math.max(0, ...expressions.map((e) => e.length));
	const codeNodes = nodes.filter((n) => CODE_NODE_TYPES.includes(n.type)).map((n) => n.name);
	const defaultNamed = nodes.filter((n) => isDefaultName(n.name, n.type)).map((n) => n.name);

	const stickyOverlaps = [];
	for (const s of stickies) {
		const sr = nodeRect(s, connections);
		for (const n of nodes)
			if (overlaps(sr, nodeRect(n, connections)))
				stickyOverlaps.push({ sticky: s.name, node: n.name });
	}

	const backwardConnections = [];
	for (const c of connections) {
		const from = byName.get(c.from);
		const to = byName.get(c.to);
		if (!from?.position || !to?.position) continue;
		const back = from.position[0] - to.position[0];
		if (back > MAX_BACKWARD_PX) backwardConnections.push({ from: c.from, to: c.to, back });
	}

	const violations = [];
	const add = (target, message) => violations.push({ target, message });
	if (nodes.length > LIMITS.maxNodes)
		add('nodes', `${nodes.length} nodes (sticky notes not counted), at most ${LIMITS.maxNodes}`);
	for (const e of expressions.filter((x) => x.length > LIMITS.maxExpressionChars))
		add(
			'expressionLength',
			`"${e.node}" ${e.path}: an expression of ${e.length} characters, at most ${LIMITS.maxExpressionChars}`,
		);
	if (expressionChars > LIMITS.maxTotalExpressionChars)
		add(
			'expressionTotal',
			`${expressionChars} expression characters in all, at most ${LIMITS.maxTotalExpressionChars}`,
		);
	for (const name of codeNodes) add('codeNode', `"${name}" is a Code node`);
	for (const name of defaultNamed)
		add('defaultName', `"${name}" is named after its node type, not for what it does`);
	for (const o of stickyOverlaps)
		add('stickyOverlap', `sticky note "${o.sticky}" overlaps node "${o.node}"`);
	for (const b of backwardConnections)
		add(
			'backwardConnection',
			`"${b.from}" -> "${b.to}" runs ${b.back} px right-to-left (more than ${MAX_BACKWARD_PX} px)`,
		);

	return {
		name: workflow?.name,
		nodes: nodes.length,
		stickyNotes: stickies.length,
		expressionChars,
		longestExpression,
		expressions,
		codeNodes,
		defaultNamed,
		stickyOverlaps,
		backwardConnections,
		violations,
	};
}

/** The target keys a workflow breaks, in TARGETS order. */
function brokenTargets(workflow) {
	const broken = new Set(measureWorkflow(workflow).violations.map((v) => v.target));
	return TARGETS.filter((t) => broken.has(t));
}

module.exports = {
	LIMITS,
	TARGETS,
	NODE_WIDTH,
	NODE_HEIGHT,
	NODE_STEP,
	MAX_BACKWARD_PX,
	DEFAULT_NAMES,
	isDefaultName,
	expressionsIn,
	nodeRect,
	measureWorkflow,
	brokenTargets,
};
