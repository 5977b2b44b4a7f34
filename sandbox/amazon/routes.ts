/**
 * Every Amazon endpoint of the simulator. To add one, write a module exporting
 * `xRoutes(sim): Route[]` (see operation.ts) and list it here.
 */
import type { Route } from '../http/router';
import { acknowledgementRoutes } from './acknowledgements';
import { directFulfillmentRoutes } from './directFulfillmentInventory';
import { financesRoutes } from './financesRoutes';
import { invoiceRoutes } from './invoiceRoutes';
import { lwaRoutes } from './lwa';
import { orderRoutes } from './orders';
import { orderStatusRoutes } from './ordersStatus';
import { shipmentRoutes } from './shipmentRoutes';
import type { AmazonSimulator } from './simulator';
import { transactionRoutes } from './transactions';

export function amazonRoutes(sim: AmazonSimulator): Route[] {
	return [
		...lwaRoutes(sim),
		...orderRoutes(sim),
		...orderStatusRoutes(sim),
		...acknowledgementRoutes(sim),
		...shipmentRoutes(sim),
		...invoiceRoutes(sim),
		...transactionRoutes(sim),
		...financesRoutes(sim),
		...directFulfillmentRoutes(sim),
	];
}
