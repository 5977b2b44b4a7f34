/**
 * MSI salable quantity as the intake promises it to Amazon. Pure: no n8n imports.
 */

/** What Amazon may be promised: the salable quantity minus a buffer, whole eaches, at least 0. */
export function availableOfSalable(salable: number, bufferEaches: number): number {
	if (!Number.isFinite(salable)) return 0;
	return Math.max(0, Math.floor(salable - (Number.isFinite(bufferEaches) ? bufferEaches : 0)));
}

/** Magento's 400 for a SKU it does not know (`The product that was requested doesn't exist...`). */
export function isUnknownSkuAnswer(status: number, body: unknown): boolean {
	const message = String((body as { message?: unknown } | null)?.message ?? '');
	return status === 400 || status === 404
		? /not found|doesn't exist|does not exist/i.test(message)
		: false;
}

/** SKUs from a list or a comma / newline separated text: trimmed, empty ones and repeats left out. */
export function skuList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	return [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
}
