/** `npm run compose`: writes schema/supergraph.graphql and schema/api.graphql. */
import { writeFileSync } from 'node:fs';
import { schemaPath } from '../lib/process/paths.js';
import { composeSupergraph } from './supergraph.js';

const { supergraphSdl, apiSdl } = composeSupergraph();
writeFileSync(schemaPath('supergraph'), supergraphSdl);
writeFileSync(schemaPath('api'), apiSdl);
console.log(`wrote ${schemaPath('supergraph')} and ${schemaPath('api')}`);
