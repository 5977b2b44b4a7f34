/** The package's tests against the local Vendor Central sandbox (sandbox/), in-process. */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/server';
import { credentialStore, type CredentialStore } from './n8nContext';

export interface PackageSandbox extends SandboxHandle {
	/** A fresh credential (no access token yet) pointed at this sandbox. */
	store(): CredentialStore;
}

export async function startPackageSandbox(options: SandboxOptions = {}): Promise<PackageSandbox> {
	const sandbox = await startSandbox({ transactionProcessingMs: 0, ...options });
	return {
		...sandbox,
		store() {
			const { clientId, clientSecret, refreshToken } = sandbox.control.credentials();
			return credentialStore({
				region: 'na',
				sandbox: false,
				clientId,
				clientSecret,
				refreshToken,
				useCustomEndpoints: true,
				customBaseUrl: sandbox.url,
				customTokenUrl: sandbox.tokenUrl,
				accessToken: '',
			});
		},
	};
}

const HOUR = 3_600_000;

export interface LineSpec {
	asin: string;
	vendorId?: string;
	amount: number;
	unit?: 'Cases' | 'Eaches';
	unitSize?: number;
	cost?: string;
	backorder?: boolean;
}

/** An Order in the official model's shape, created `ageHours` ago. */
export function amazonOrder(
	number: string,
	lines: LineSpec[],
	options: {
		ageHours?: number;
		vendorCode?: string;
		shipTo?: string;
		window?: 'ship' | 'delivery';
	} = {},
) {
	const created = new Date(Date.now() - (options.ageHours ?? 1) * HOUR);
	const start = new Date(created.getTime() + 3 * 24 * HOUR).toISOString().replace('.000Z', 'Z');
	const end = new Date(created.getTime() + 8 * 24 * HOUR).toISOString().replace('.000Z', 'Z');
	const iso = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: 'New' as const,
		orderDetails: {
			purchaseOrderDate: iso,
			purchaseOrderStateChangedDate: iso,
			purchaseOrderType: 'RegularOrder' as const,
			paymentMethod: 'Invoice' as const,
			buyingParty: { partyId: 'AMZN' },
			sellingParty: { partyId: options.vendorCode ?? 'VEND1' },
			shipToParty: { partyId: options.shipTo ?? 'ABE8' },
			billToParty: { partyId: 'AMZN' },
			...(options.window === 'delivery'
				? { deliveryWindow: `${start}--${end}` }
				: { shipWindow: `${start}--${end}` }),
			items: lines.map((l, i) => ({
				itemSequenceNumber: String(i + 1),
				amazonProductIdentifier: l.asin,
				...(l.vendorId ? { vendorProductIdentifier: l.vendorId } : {}),
				orderedQuantity: {
					amount: l.amount,
					unitOfMeasure: l.unit ?? 'Eaches',
					unitSize: l.unitSize ?? 1,
				},
				isBackOrderAllowed: l.backorder ?? false,
				netCost: { currencyCode: 'USD', amount: l.cost ?? '10.00' },
			})),
		},
	};
}
