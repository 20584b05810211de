/**
 * The Kubernetes API schemas of the objects deploy/k8s renders, from kubernetes-models:
 * its runtime validators, and its TypeScript declarations, which know every field the
 * API accepts (the validators let unknown fields through; the API server refuses them).
 */
import path from 'node:path';
import ts from 'typescript';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { K8sObject } from './kustomize.js';

// ---------------------------------------------------------------------------

/** kubernetes-models class and TypeScript interface per apiVersion/kind. */
export const MODELS: Record<string, { model: { new (data: never): { validate(): void } }; module: string; type: string }> = {
  'v1/Namespace': { model: Namespace, module: 'kubernetes-models/v1/Namespace', type: 'INamespace' },
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1/ConfigMap', type: 'IConfigMap' },
  'v1/Secret': { model: Secret, module: 'kubernetes-models/v1/Secret', type: 'ISecret' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1/Service', type: 'IService' },
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': { model: HorizontalPodAutoscaler, module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', type: 'IHorizontalPodAutoscaler' },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget, module: 'kubernetes-models/policy/v1/PodDisruptionBudget', type: 'IPodDisruptionBudget' },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'kubernetes-models/networking.k8s.io/v1/Ingress', type: 'IIngress' },
};

export function typeCheck(objects: K8sObject[], root: string): { index: number; message: string }[] {
  const file = path.join(root, 'scripts', '__k8s_objects__.ts');
  const kinds = [...new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`))];
  let text = kinds.map((k) => `import type { ${MODELS[k]!.type} } from '${MODELS[k]!.module}';\n`).join('');
  for (const [i, o] of objects.entries()) {
    text += `export const o${i}: ${MODELS[`${o.apiVersion}/${o.kind}`]!.type} = ${JSON.stringify(o, null, 1)};\n`;
  }
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es5.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file)!;
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file === sourceFile && d.start !== undefined ? sourceFile.getLineAndCharacterOfPosition(d.start).line : -1;
    const owner = where >= 0 ? (text.split('\n').slice(0, where + 1).reverse().find((l) => l.startsWith('export const o')) ?? '') : '';
    const index = Number(/^export const o(\d+)/.exec(owner)?.[1] ?? -1);
    return { index, message: `${index < 0 ? `${d.file?.fileName ?? '?'}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` };
  });
}
