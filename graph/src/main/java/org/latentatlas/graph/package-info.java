/**
 * Graphs on the shared metric abstraction: graph data and loaders, GNN layers, latent graph
 * inference with neural snowflake metrics, and graph embeddings. The module's content arrives
 * with the latent-graph-inference work; for now it holds only this package.
 */
package org.latentatlas.graph;
