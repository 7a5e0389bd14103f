/**
 * Adapters from JGraphT graphs to LatentAtlas types: the shortest-path metric of a connected
 * weighted graph. JGraphT types stay in this package.
 */
package org.latentatlas.graph.jgrapht;
