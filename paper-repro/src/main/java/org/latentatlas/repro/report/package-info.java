/**
 * The HTML report of {@code atlas report} ({@link org.latentatlas.repro.report.ReportWriter}) and
 * the PNG line plots experiments draw with XChart ({@link org.latentatlas.repro.report.Plots}).
 */
package org.latentatlas.repro.report;
