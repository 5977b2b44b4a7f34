/**
 * A running n8n (`n8n start`, loopback only) on a user folder made by realN8n.createN8nInstance(),
 * driven the way a user drives it: through the editor's REST API (/rest/...), logged in as the owner.
 *
 *   const live = await startLiveN8n(instance, { log });   // n8n start, owner set up, logged in
 *   await live.activate(id);                               // publish + activate (triggers start)
 *   await live.pollNow(id);                                // deactivate + activate: poll triggers poll at once
 *   const run = await live.runManually(id, 'Trigger Name');  // a manual execution, waited for
 *   await live.waitIdle();                                 // no execution running or waiting
 *   await live.restart();                                  // stop and start again (active workflows resume)
 *   await live.stop();
 *
 * Data Tables are only available in a running n8n (`n8n execute` answers "the module is disabled"):
 * dataTables(), dataTableRows(name), insertRows(name, rows), updateRows(name, where, data).
 */
'use strict';

const { spawn } = require('node:child_process');

const OWNER = {
	email: 'owner@avc-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Avc-e2e-Passw0rd',
};

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Options: log, echo (n8n's output to stderr), env (extra variables), readyTimeoutMs (default
 * 120 s: how long `n8n start` may take to answer /healthz/readiness before it is stopped).
 */
async function startLiveN8n(instance, options = {}) {
	const log = options.log || (() => {});
	const port = Number(instance.env.N8N_PORT);
	const base = `http://127.0.0.1:${port}`;
	let child;
	let output = '';
	let cookie = '';
	let exited;

	function spawnN8n() {
		output = '';
		exited = undefined;
		child = spawn(instance.nodeBin, [instance.n8nBin, 'start'], {
			cwd: instance.userFolder,
			env: {
				...instance.env,
				N8N_SECURE_COOKIE: 'false',
				N8N_PUBLIC_API_DISABLED: 'true',
				N8N_PERSONALIZATION_ENABLED: 'false',
				...(options.env || {}),
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const onData = (d) => {
			output += d;
			if (output.length > 400_000) output = output.slice(-200_000);
			if (options.echo) process.stderr.write(d);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code, signal) => {
			exited = { code, signal };
		});
	}

	async function request(method, path, body, { allowError = false, raw = false } = {}) {
		const res = await fetch(`${base}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(cookie ? { cookie } : {}),
				'browser-id': 'avc-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth;
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok && !allowError) {
			throw new Error(`n8n ${method} ${path} answered ${res.status}: ${text.slice(0, 1000)}`);
		}
		if (raw) return { status: res.status, json, text };
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	async function waitReady(timeoutMs = 120_000) {
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (exited)
				throw new Error(
					`n8n start exited (${exited.signal || exited.code}):\n${output.slice(-3000)}`,
				);
			try {
				const res = await fetch(`${base}/healthz/readiness`);
				if (res.ok) return;
			} catch {
				/* not listening yet */
			}
			await sleep(300);
		}
		throw new Error(`n8n did not become ready in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
	}

	async function signIn() {
		const setup = await request('POST', '/rest/owner/setup', OWNER, {
			allowError: true,
			raw: true,
		});
		if (setup.status >= 400 || !cookie) {
			await request('POST', '/rest/login', {
				emailOrLdapLoginId: OWNER.email,
				password: OWNER.password,
			});
		}
		if (!cookie)
			throw new Error('n8n did not return an auth cookie after the owner set-up / login');
	}

	async function start() {
		const started = Date.now();
		log(`n8n start on ${base}`);
		spawnN8n();
		try {
			await waitReady(options.readyTimeoutMs);
			await signIn();
		} catch (e) {
			// A start that did not get ready must not leave an n8n running (it holds its ports and
			// its SQLite file, and the caller never gets a handle to stop it).
			await stop();
			throw e;
		}
		log(`n8n ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}

	async function stop() {
		if (!child || exited) return;
		const done = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		await done;
		clearTimeout(timer);
		cookie = '';
	}

	let projectId;
	async function personalProjectId() {
		if (!projectId) projectId = (await request('GET', '/rest/projects/personal')).id;
		return projectId;
	}

	async function dataTables() {
		const pid = await personalProjectId();
		const list = await request('GET', `/rest/projects/${pid}/data-tables?take=500`);
		return Array.isArray(list) ? list : (list?.data ?? list?.results ?? []);
	}

	async function dataTableByName(name) {
		const table = (await dataTables()).find((t) => t.name === name);
		if (!table) throw new Error(`no Data Table named ${name}`);
		return table;
	}

	async function executionsOf(filter = {}) {
		const query = encodeURIComponent(JSON.stringify(filter));
		const result = await request('GET', `/rest/executions?filter=${query}&limit=250`);
		return result?.results ?? [];
	}

	const live = {
		base,
		get output() {
			return output;
		},
		request,
		start,
		stop,
		async restart() {
			await stop();
			await start();
		},
		async workflow(id) {
			return await request('GET', `/rest/workflows/${id}`);
		},
		/** Publishes the current version and activates it: the workflow's triggers start. */
		async activate(id) {
			const wf = await request('GET', `/rest/workflows/${id}`);
			return await request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
		},
		async deactivate(id) {
			return await request('POST', `/rest/workflows/${id}/deactivate`, {});
		},
		/**
		 * Makes the poll triggers of an active workflow poll now: n8n polls once when a workflow is
		 * activated (in trigger mode, with the trigger's saved cursor), then on its schedule.
		 */
		async pollNow(id) {
			await live.deactivate(id);
			await live.activate(id);
		},
		/** A manual execution started from the named trigger (as the editor's "Execute workflow"). */
		async runManually(id, triggerName, { wait = true, timeoutMs = 300_000 } = {}) {
			const result = await request('POST', `/rest/workflows/${id}/run`, {
				triggerToStartFrom: { name: triggerName },
			});
			const executionId = result?.executionId;
			if (!executionId)
				throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(result)}`);
			if (!wait) return { executionId };
			return await live.waitExecution(executionId, timeoutMs);
		},
		async execution(executionId) {
			return await request('GET', `/rest/executions/${executionId}`);
		},
		async waitExecution(executionId, timeoutMs = 300_000) {
			const started = Date.now();
			for (;;) {
				const e = await live.execution(executionId);
				if (e && e.finished !== undefined && !['new', 'running', 'waiting'].includes(e.status))
					return e;
				if (Date.now() - started > timeoutMs)
					throw new Error(
						`execution ${executionId} still ${e?.status} after ${timeoutMs / 1000} s`,
					);
				await sleep(250);
			}
		},
		executionsOf,
		/** Resolves when no execution is new, running or waiting, twice in a row `quietMs` apart. */
		async waitIdle({ quietMs = 600, timeoutMs = 300_000 } = {}) {
			const started = Date.now();
			let quietSince;
			for (;;) {
				const busy = await executionsOf({ status: ['new', 'running', 'waiting'] });
				if (busy.length === 0) {
					quietSince ??= Date.now();
					if (Date.now() - quietSince >= quietMs) return;
				} else quietSince = undefined;
				if (Date.now() - started > timeoutMs)
					throw new Error(
						`n8n still busy after ${timeoutMs / 1000} s: ${busy.map((b) => `${b.workflowId}:${b.status}`).join(', ')}`,
					);
				await sleep(250);
			}
		},
		personalProjectId,
		dataTables,
		dataTableByName,
		async dataTableRows(name) {
			const pid = await personalProjectId();
			const table = await dataTableByName(name);
			const rows = [];
			for (let skip = 0; ; skip += 500) {
				const page = await request(
					'GET',
					`/rest/projects/${pid}/data-tables/${table.id}/rows?skip=${skip}&take=500`,
				);
				const data = page?.data ?? [];
				rows.push(...data);
				if (data.length < 500) break;
			}
			return rows;
		},
		async insertRows(name, rows) {
			const pid = await personalProjectId();
			const table = await dataTableByName(name);
			return await request('POST', `/rest/projects/${pid}/data-tables/${table.id}/insert`, {
				data: rows,
				returnType: 'count',
			});
		},
		/** Sets `data` on the rows whose columns equal `where` (every column of it), as an operator would. */
		async updateRows(name, where, data) {
			const pid = await personalProjectId();
			const table = await dataTableByName(name);
			const filters = Object.entries(where).map(([columnName, value]) => ({
				columnName,
				condition: 'eq',
				value,
			}));
			return await request('PATCH', `/rest/projects/${pid}/data-tables/${table.id}/rows`, {
				filter: { type: 'and', filters },
				data,
			});
		},
	};
	await start();
	return live;
}

module.exports = { startLiveN8n, OWNER };
