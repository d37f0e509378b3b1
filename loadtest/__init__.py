"""`make loadtest`: the production server (gunicorn, WhiteNoise, PostgreSQL, the task worker)
under locust, each scenario beside the same run against the bare view, then a check that
no save the users were told succeeded was lost. See README "Lasttest"."""
