"""Progress reports for project leads: status counts, velocity, the HTML report."""
